import COpenBLAS

/// The values a forward pass leaves at every layer, for calibration and analysis.
public struct LayerActivations: Sendable {
    /// `values[l]` is the batch's output of layer `l` (rows: samples, columns: units).
    public var values: [Matrix]
    /// `preActivations[l]` is `W x + b` before the activation (empty matrix for the input).
    public var preActivations: [Matrix]
}

extension Network {
    /// Batched forward pass on OpenBLAS `sgemm`: rows of `batch` are samples.
    /// Returns the output layer's values after ``outputTransform``.
    /// O(batch x parameters) arithmetic, done as one `sgemm` per connection.
    public func forward(_ batch: Matrix, applyingOutputTransform: Bool = true) throws(CondenseError) -> Matrix {
        var output = try forwardAll(batch, keepingLayers: false).values[layers.count - 1]
        if applyingOutputTransform { outputTransform.apply(to: &output) }
        return output
    }

    /// Forward pass that returns every layer's pre-activations and outputs.
    /// With `keepingLayers: false` only the layers later layers still need are kept.
    public func forwardAll(_ batch: Matrix, keepingLayers: Bool = true) throws(CondenseError) -> LayerActivations {
        guard batch.columns == inputWidth else {
            throw .shapeMismatch("input has \(batch.columns) features per sample, the network expects \(inputWidth)")
        }
        let n = batch.rows
        var values = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: layers.count)
        var pre = values
        values[0] = batch
        let lastUse = layers.indices.map { l in consumers(of: l).max() ?? l }
        for l in 1..<layers.count {
            let layer = layers[l]
            var z = Matrix(rows: n, columns: layer.width)
            // Broadcast the bias into every row, then accumulate each block with beta = 1.
            z.values.withUnsafeMutableBufferPointer { zp in
                for r in 0..<n { for i in 0..<layer.width { zp[r * layer.width + i] = layer.bias[i] } }
                for block in layer.inputs {
                    let x = values[block.source]
                    gemmAccumulate(x: x, weights: block.weights, into: zp.baseAddress!, rows: n)
                }
            }
            if keepingLayers { pre[l] = z }
            layer.activation.apply(to: &z.values)
            values[l] = z
            if !keepingLayers {
                for k in 0..<l where lastUse[k] <= l && k != 0 { values[k] = Matrix(rows: 0, columns: 0) }
            }
        }
        return LayerActivations(values: values, preActivations: pre)
    }
}

/// `z += x * w^T` with `x: n x in`, `w: out x in`, `z: n x out`, all row-major.
@inline(__always)
func gemmAccumulate(x: Matrix, weights w: Matrix, into z: UnsafeMutablePointer<Float>, rows n: Int) {
    guard n > 0, w.rows > 0, w.columns > 0 else { return }
    x.values.withUnsafeBufferPointer { xp in
        w.values.withUnsafeBufferPointer { wp in
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans,
                Int32(n), Int32(w.rows), Int32(w.columns),
                1, xp.baseAddress, Int32(w.columns),
                wp.baseAddress, Int32(w.columns),
                1, z, Int32(w.rows))
        }
    }
}

extension Activation {
    /// Applies the activation to every value in place, with the switch hoisted out of the loop.
    @inlinable
    public func apply(to values: inout [Float]) {
        values.withUnsafeMutableBufferPointer { v in
            switch self {
            case .identity: return
            case .relu: for k in v.indices where v[k] < 0 { v[k] = 0 }
            case .leakyRelu(let alpha): for k in v.indices where v[k] < 0 { v[k] *= alpha }
            case .sigmoid, .tanh: for k in v.indices { v[k] = self(v[k]) }
            }
        }
    }
}
