import CondenseCore

extension UnitGraph {
    /// The unit DAG as a ``CondenseCore/Network`` for drawing and labelling: one layer per unit
    /// layer (its name with the kind, kernel and coupling group, e.g. `conv2 · 16 ch 3×3 · group A`),
    /// a unit per neuron or channel with its folded bias and activation, and one connection per
    /// source layer whose weights are the edge weights (a neuron-to-neuron weight, or the L2 norm
    /// of a kernel or weight slice). Not for inference: channel edges are norms. O(units + edges).
    public func drawingNetwork() throws(CondenseError) -> Network {
        let offsets = layerOffsets
        var layerOf = [Int](repeating: 0, count: unitCount)
        for (l, layer) in layers.enumerated() { for k in 0..<layer.width { layerOf[offsets[l] + k] = l } }
        var blocks: [[Int: Matrix]] = layers.map { _ in [:] }
        for e in 0..<edgeCount {
            let s = Int(sources[e]), t = Int(targets[e])
            let ls = layerOf[s], lt = layerOf[t]
            if blocks[lt][ls] == nil { blocks[lt][ls] = Matrix(rows: layers[lt].width, columns: layers[ls].width) }
            blocks[lt][ls]![t - offsets[lt], s - offsets[ls]] = weights[e]
        }
        var groupName: [Int: String] = [:]
        for (g, group) in couplingGroups.enumerated() {
            let letter = g < 26 ? String(UnicodeScalar(UInt8(65 + g))) : "G\(g + 1)"
            for l in group.layers { groupName[l] = letter }
        }
        var result = [Layer.input(width: layers[0].width, name: layers[0].positions > 1 ? "input · \(layers[0].width) ch" : "input")]
        for (l, layer) in layers.enumerated().dropFirst() {
            var name = layer.name
            switch layer.kind {
            case .channels: name += " · \(layer.width) ch" + (layer.kernel.count == 2 ? " \(layer.kernel[0])×\(layer.kernel[1])" : "")
            default: name += " · \(layer.width)"
            }
            if let g = groupName[l] { name += " · group \(g)" }
            // A Network's layer reads its predecessor first: a zero block stands in when the unit
            // layer does not (a shortcut convolution listed after the branch it runs beside).
            let previous = blocks[l][l - 1] ?? Matrix(rows: layer.width, columns: layers[l - 1].width)
            let inputs = [Connection(source: l - 1, weights: previous)]
                + blocks[l].filter { $0.key != l - 1 }.sorted { $0.key < $1.key }.map { Connection(source: $0.key, weights: $0.value) }
            result.append(Layer(name: name, width: layer.width, activation: layer.activation,
                                bias: layer.bias.isEmpty ? [Float](repeating: 0, count: layer.width) : layer.bias, inputs: inputs))
        }
        return try Network(layers: result)
    }
}

extension UnitGraph {
    /// Per-layer counts from the graph itself (``drawingNetwork()`` holds norms, not weights):
    /// parameters of each unit layer's node and folded nodes, FLOPs of its node per sample
    /// (a convolution's by its output size); names and edges from `drawn`, this graph's
    /// ``drawingNetwork()``. O(nodes) after one profile of the graph.
    public func layerStatistics(graph: ComputeGraph, features: Int, drawn: Network) throws(CondenseError) -> [LayerStatistics] {
        let profile = try GraphProfile(graph: graph, features: features)
        return layers.enumerated().map { l, layer in
            let nodes = (layer.node.map { [$0] } ?? []) + layer.foldedNodes
            return LayerStatistics(index: l, name: drawn.layers[l].name, kind: layer.kind.rawValue, width: layer.width,
                                   activation: layer.activation.name, edges: drawn.layers[l].inputs.reduce(0) { $0 + $1.weights.values.lazy.filter { $0 != 0 }.count },
                                   parameters: nodes.reduce(0) { $0 + profile.nodes[$1].parameters },
                                   flops: nodes.reduce(0) { $0 + profile.nodes[$1].flops },
                                   sources: layer.sourceLayers)
        }
    }
}
