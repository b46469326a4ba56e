import CondenseCore

/// Maps node indices to neuron addresses `L<layer>:<index>`.
struct NodeAddressing: Sendable {
    let layerOfNode: [Int32]
    let layerOffsets: [Int]

    /// O(1): shares the arrays.
    init(layerOfNode: [Int32], layerOffsets: [Int]) {
        self.layerOfNode = layerOfNode
        self.layerOffsets = layerOffsets
    }

    /// Derives the layer offsets, O(V): nodes are numbered layer by layer.
    init(layerOfNode: [Int32]) {
        var offsets = [0]
        for (v, l) in layerOfNode.enumerated() {
            while Int(l) >= offsets.count { offsets.append(v) }
        }
        offsets.append(layerOfNode.count)
        self.init(layerOfNode: layerOfNode, layerOffsets: offsets)
    }

    /// O(1).
    func address(of v: Int) -> NeuronID {
        let l = Int(layerOfNode[v])
        return NeuronID(layer: l, index: v - layerOffsets[l])
    }
}
