import CondenseCore

/// How the layers that read a removed neuron make up for it: the shared compensation step
/// of every merging method.
///
/// - Merge by scale (data-free, Srinivas & Babu, "Data-free parameter pruning for deep
///   neural networks", BMVC 2015; Kim et al., "Neuron merging: compensating for pruned
///   neurons", NeurIPS 2020): when `a_j ≈ c a_i + d`, the consumers read `c a_i + d`
///   instead of `a_j`: column `i` of every block reading the layer gains `c` times column
///   `j`, and the consumers' biases gain `d` times column `j`.
/// - Least-squares re-fit on calibration data: see ``refit(layer:of:activations:target:ridge:)``.
public enum Compensation {
    /// Folds neuron `j` of layer `l` into neuron `i` (`a_j ≈ factor a_i + offset`), or only
    /// its mean `offset` into the biases when `i` is `nil`. Does not remove `j`.
    /// O(rows of the blocks reading layer `l`).
    public static func merge(_ j: Int, into i: Int?, factor: Float, offset: Float, layer l: Int,
                             of network: inout Network) {
        for consumer in network.consumers(of: l) {
            guard let c = network.layers[consumer].inputs.firstIndex(where: { $0.source == l }) else { continue }
            let rows = network.layers[consumer].width
            for r in 0..<rows {
                let w = network.layers[consumer].inputs[c].weights[r, j]
                if let i { network.layers[consumer].inputs[c].weights[r, i] += factor * w }
                network.layers[consumer].bias[r] += offset * w
            }
        }
    }

    /// Squared norm of every neuron's outgoing weights (column in every block reading
    /// layer `l`). O(parameters reading layer `l`).
    public static func outgoingSquaredNorms(layer l: Int, of network: Network) -> [Double] {
        (0..<network.layers[l].width).map { outgoingSquaredNorm(of: $0, layer: l, in: network) }
    }

    /// Squared norm of neuron `j`'s outgoing weights. O(rows of the blocks reading layer `l`).
    public static func outgoingSquaredNorm(of j: Int, layer l: Int, in network: Network) -> Double {
        var norm = 0.0
        for consumer in network.consumers(of: l) {
            guard let w = network.layers[consumer].connection(from: l)?.weights else { continue }
            for r in 0..<w.rows { norm += Double(w[r, j]) * Double(w[r, j]) }
        }
        return norm
    }

    /// Every neuron's incoming weights from all its blocks, then optionally its bias, as the
    /// rows of one matrix (`width x (fan-in [+ 1])`). O(parameters into layer `l`).
    public static func incomingSignatures(layer l: Int, of network: Network, includingBias: Bool) -> Matrix {
        let layer = network.layers[l]
        let fanIn = layer.inputs.reduce(0) { $0 + $1.weights.columns }
        let columns = fanIn + (includingBias ? 1 : 0)
        var out = Matrix(rows: layer.width, columns: columns)
        for i in 0..<layer.width {
            var offset = 0
            for block in layer.inputs {
                let w = block.weights
                for j in 0..<w.columns { out.values[i * columns + offset + j] = w.values[i * w.columns + j] }
                offset += w.columns
            }
            if includingBias { out.values[i * columns + fanIn] = layer.bias[i] }
        }
        return out
    }

    /// Least-squares re-fit of consumer layer `m`: its incoming blocks and bias are replaced
    /// by the ridge least-squares solution that maps the current outputs of its source
    /// layers (`activations`, on calibration data) to `target`, the *original* network's
    /// pre-activations of `m`'s current neurons on the same data. Errors made upstream are
    /// corrected too, not only the removed neurons' share (cf. He, Zhang, Sun, "Channel
    /// pruning for accelerating very deep neural networks", ICCV 2017; Luo et al., ThiNet,
    /// ICCV 2017, for the reconstruction view). LAPACK `sgelsd` via ``LeastSquares``:
    /// O(samples * p^2 + samples * p * width(m)) for `p` inputs of `m`.
    public static func refit(layer m: Int, of network: inout Network, activations: LayerActivations,
                             target: Matrix, ridge: Double) throws(CondenseError) {
        let layer = network.layers[m]
        guard target.columns == layer.width else {
            throw .internalError("re-fit of layer \(m): \(target.columns) targets for \(layer.width) neurons")
        }
        let sources = layer.inputs.map(\.source)
        let design = concatenatedColumns(sources.map { activations.values[$0] })
        let fit = try LeastSquares.fit(design: design, targets: target, ridge: ridge)
        var offset = 0
        for (c, s) in sources.enumerated() {
            let width = network.layers[s].width
            var block = Matrix(rows: layer.width, columns: width)
            for r in 0..<layer.width {
                for j in 0..<width { block[r, j] = fit.coefficients[offset + j, r] }
            }
            network.layers[m].inputs[c].weights = block
            offset += width
        }
        network.layers[m].bias = fit.intercepts
    }

    /// The columns of `parts` side by side (all with the same rows). O(total entries).
    static func concatenatedColumns(_ parts: [Matrix]) -> Matrix {
        guard parts.count > 1 else { return parts.first ?? Matrix(rows: 0, columns: 0) }
        let rows = parts[0].rows
        let columns = parts.reduce(0) { $0 + $1.columns }
        var out = Matrix(rows: rows, columns: columns)
        for r in 0..<rows {
            var offset = 0
            for part in parts {
                for j in 0..<part.columns { out.values[r * columns + offset + j] = part.values[r * part.columns + j] }
                offset += part.columns
            }
        }
        return out
    }
}
