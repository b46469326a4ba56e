/// Structural edits that keep the network's invariants: the building blocks of collapse.
extension Network {
    /// Removes the units at `removed` from hidden layer `l`: their rows of the incoming
    /// blocks, their biases, and their columns of every outgoing block.
    /// O(parameters touching layer `l`).
    public mutating func removeUnits(_ removed: Set<Int>, fromLayer l: Int) {
        precondition(hiddenLayers.contains(l), "only hidden units can be removed")
        guard !removed.isEmpty else { return }
        let kept = (0..<layers[l].width).filter { !removed.contains($0) }
        layers[l].width = kept.count
        layers[l].bias = kept.map { layers[l].bias[$0] }
        for c in layers[l].inputs.indices {
            layers[l].inputs[c].weights = layers[l].inputs[c].weights.selectingRows(kept)
        }
        for consumer in consumers(of: l) {
            for c in layers[consumer].inputs.indices where layers[consumer].inputs[c].source == l {
                layers[consumer].inputs[c].weights = layers[consumer].inputs[c].weights.selectingColumns(kept)
            }
        }
    }

    /// Adds `weights` (rows: units of `target`, columns: units of `source`) to the block
    /// from `source` into `target`, creating a skip connection if there is none yet.
    public mutating func addWeights(_ weights: Matrix, from source: Int, into target: Int) {
        precondition(source < target && weights.rows == layers[target].width && weights.columns == layers[source].width)
        if let c = layers[target].inputs.firstIndex(where: { $0.source == source }) {
            for i in weights.values.indices { layers[target].inputs[c].weights.values[i] += weights.values[i] }
        } else {
            layers[target].inputs.append(Connection(source: source, weights: weights))
        }
    }
}
