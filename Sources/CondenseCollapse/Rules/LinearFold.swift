import COpenBLAS
import CondenseCore

/// Folding neurons that are linear on the domain into their consumers.
///
/// Neuron `k` of layer `l` outputs `s_k (sum_t W_{l,t}[k, :] x_t + b_k)`. For every
/// consumer `c` with block `V = W_{c,l}`, the fold adds `V[:, K] diag(s) W_{l,t}[K, :]`
/// to the block from each source `t` of `l` into `c` (a skip connection if there was
/// none) and `V[:, K] diag(s) b_K` to `c`'s biases; the neurons can then be removed.
/// O(sum over (c, t) of width_c * |K| * width_t) as `sgemm` products.
struct LinearFold {
    var layer: Int
    var neurons: [Int]
    var slopes: [Float]

    /// Parameters that removing `count` neurons of the layer frees: their incoming rows,
    /// biases and outgoing columns. O(blocks).
    func parametersFreed(removing count: Int, in network: Network) -> Int {
        let incoming = network.layers[layer].inputs.reduce(1) { $0 + $1.weights.columns }
        let outgoing = network.consumers(of: layer).reduce(0) { $0 + network.layers[$1].width }
        return count * (incoming + outgoing)
    }

    /// Parameters of the skip blocks the fold has to create. O(blocks).
    func parametersAdded(in network: Network) -> Int {
        var added = 0
        for c in network.consumers(of: layer) {
            for t in network.layers[layer].inputs.map(\.source) where network.layers[c].connection(from: t) == nil {
                added += network.layers[c].width * network.layers[t].width
            }
        }
        return added
    }

    /// Adds the folded weights and biases to every consumer; the neurons are left in place.
    func apply(to network: inout Network) {
        guard !neurons.isEmpty else { return }
        let source = network.layers[layer]
        let bias = Matrix(rows: neurons.count, columns: 1, values: neurons.map { source.bias[$0] })
        for c in network.consumers(of: layer) {
            guard let outgoing = network.layers[c].connection(from: layer)?.weights else { continue }
            var scaled = outgoing.selectingColumns(neurons)
            for r in 0..<scaled.rows { for k in 0..<neurons.count { scaled[r, k] *= slopes[k] } }
            let biasShift = scaled.multiplied(by: bias)
            for r in 0..<biasShift.rows { network.layers[c].bias[r] += biasShift.values[r] }
            for block in source.inputs {
                network.addWeights(scaled.multiplied(by: block.weights.selectingRows(neurons)),
                                   from: block.source, into: c)
            }
        }
    }
}

extension Matrix {
    /// The product `self * other` (`sgemm`). O(rows * columns * other.columns).
    func multiplied(by other: Matrix) -> Matrix {
        var product = Matrix(rows: rows, columns: other.columns)
        guard rows > 0, columns > 0, other.columns > 0 else { return product }
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                product.values.withUnsafeMutableBufferPointer { c in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(other.columns),
                                Int32(columns), 1, a.baseAddress, Int32(columns), b.baseAddress, Int32(other.columns),
                                0, c.baseAddress, Int32(other.columns))
                }
            }
        }
        return product
    }
}
