import CondenseCore

/// **Dead end**: a hidden neuron with no outgoing weight (every weight exactly zero)
/// influences nothing, so it is removed.
///
/// Layers are visited from the last hidden layer back to the first, so a neuron whose
/// only consumers were dead ends is removed in the same pass. O(parameters).
struct DeadEndRule: CollapseRule {
    let name = NeuronFate.Rule.deadEnd.rawValue

    func apply(to state: inout CollapseState) throws(CondenseError) -> Int {
        var removed = 0
        for l in state.network.hiddenLayers.reversed() {
            var hasOutput = [Bool](repeating: false, count: state.network.layers[l].width)
            for consumer in state.network.consumers(of: l) {
                guard let block = state.network.layers[consumer].connection(from: l)?.weights else { continue }
                for (k, w) in block.values.enumerated() where w != 0 { hasOutput[k % block.columns] = true }
            }
            let gone = state.removable(hasOutput.indices.filter { !hasOutput[$0] }, fromLayer: l)
            state.remove(gone, fromLayer: l) { _, id in
                NeuronFate(neuron: id, rule: .deadEnd, evidence: ["outgoing_nonzero_weights": 0])
            }
            removed += gone.count
        }
        return removed
    }
}
