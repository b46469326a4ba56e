import CondenseCore

/// **Constant**: a hidden neuron with no incoming weight outputs the constant `f(b)`;
/// `f(b)` times its outgoing weights is added to the consumers' biases and it is removed.
///
/// Layers are visited in order, so a neuron that read only constants becomes constant
/// and is folded in the same pass. O(parameters).
struct ConstantRule: CollapseRule {
    let name = NeuronFate.Rule.constant.rawValue

    func apply(to state: inout CollapseState) throws(CondenseError) -> Int {
        var removed = 0
        for l in state.network.hiddenLayers {
            let layer = state.network.layers[l]
            var hasInput = [Bool](repeating: false, count: layer.width)
            for block in layer.inputs {
                for (k, w) in block.weights.values.enumerated() where w != 0 { hasInput[k / block.weights.columns] = true }
            }
            let gone = state.removable(hasInput.indices.filter { !hasInput[$0] }, fromLayer: l)
            state.foldConstants(gone, values: gone.map { layer.activation(layer.bias[$0]) }, ofLayer: l)
            state.remove(gone, fromLayer: l) { i, id in
                NeuronFate(neuron: id, rule: .constant,
                           evidence: ["bias": Double(layer.bias[i]), "output": Double(layer.activation(layer.bias[i]))])
            }
            removed += gone.count
        }
        return removed
    }
}
