import COpenBLAS
import CondenseCore

/// The backward pass of a network (any skip connections) for softmax cross-entropy on its
/// last layer's values taken as logits (Rumelhart, Hinton, Williams 1986): the gradient of
/// each sample's loss with respect to every layer's outputs, as the first-order Taylor
/// criterion needs. One `sgemm` per block: O(samples * parameters).
enum Backpropagation {
    /// `gradients[l]` is `dL/da_l` (rows: samples, columns: units of layer `l`); entry 0 and
    /// the output layer's entry are included.
    static func outputGradients(of network: Network, activations: LayerActivations, labels: [Int])
        throws(CondenseError) -> [Matrix]
    {
        let last = network.layers.count - 1
        let logits = activations.values[last]
        let n = logits.rows, k = logits.columns
        guard labels.count == n else { throw .invalidData("\(labels.count) labels for \(n) samples") }
        if let bad = labels.first(where: { $0 >= k }) {
            throw .invalidData("label \(bad) is not one of the network's \(k) outputs")
        }
        var gradients = network.layers.map { Matrix(rows: n, columns: $0.width) }
        var top = logits
        OutputTransform.softmax.apply(to: &top)
        for r in 0..<n { top[r, labels[r]] -= 1 }
        gradients[last] = top
        for m in stride(from: last, through: 1, by: -1) {
            let layer = network.layers[m]
            // dL/dz_m = dL/da_m * f'(z_m), then dL/da_s += dL/dz_m W_{s,m} for every block.
            var delta = gradients[m]
            let z = activations.preActivations[m]
            if layer.activation != .identity {
                for e in delta.values.indices { delta.values[e] *= layer.activation.derivative(at: z.values[e]) }
            }
            for block in layer.inputs where block.source > 0 {
                let product = DenseAlgebra.product(delta, block.weights)
                for e in product.values.indices { gradients[block.source].values[e] += product.values[e] }
            }
        }
        return gradients
    }
}
