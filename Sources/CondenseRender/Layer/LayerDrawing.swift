import CondenseCore

/// Layer-level diagrams: one box per layer with its width, activation, parameters and
/// FLOPs, arrows labelled with tensor shapes, skip connections dashed. Laid out by
/// Graphviz's layered `dot` engine (`newrank=true`, `ordering=out`), which is fast at
/// this size (one node per layer). Given a simplified network (and its fates), each box
/// shows the change. Box text comes from ``LayerBox`` so convolutional layers can add
/// their shapes later. O(layers + connections) to build.
public enum LayerDrawing {
    /// The diagram of `network`, or of a simplification when `simplification` is given.
    public static func make(_ network: Network, simplification: Simplification? = nil,
                            options: DrawingOptions = DrawingOptions()) -> Drawing
    {
        let style = options.theme.style
        let after = simplification?.after
        let statistics = options.layerCounts?.before ?? network.layerStatistics
        let afterStatistics = options.layerCounts.map { $0.after } ?? after?.layerStatistics
        let title = options.title ?? defaultTitle(options.modelName, statistics, after: afterStatistics)
        var scene = RenderScene(
            engine: .dot,
            graphAttributes: [
                "newrank": "true", "ordering": "out", "rankdir": network.layers.count > 6 ? "TB" : "LR",
                "nodesep": "0.35", "ranksep": "0.55", "bgcolor": style.background, "pad": "0.3",
                "fontname": style.fontName, "fontsize": "16", "fontcolor": style.textColor.hex,
                "label": title, "labelloc": "t",
            ],
            nodeDefaults: ["shape": "plaintext", "fontname": style.fontName, "fontsize": "11",
                           "fontcolor": style.textColor.hex],
            edgeDefaults: ["fontname": style.fontName, "fontsize": "10", "fontcolor": style.mutedTextColor.hex,
                           "color": style.nodeOutline.hex, "arrowsize": "0.7", "penwidth": "1"])
        let removed = simplification?.removedByLayer ?? [:]
        var handles: [Int32] = []
        for (l, layer) in network.layers.enumerated() {
            let box = LayerBox(layer: layer, index: l, isOutput: l == network.layers.count - 1,
                               statistics: statistics[l], after: afterStatistics?[l], removed: removed[l] ?? [])
            handles.append(scene.addNode(SceneNode(
                name: "layer_L\(l)", attributes: ["class": "layer \(box.role)", "id": "layer_L\(l)", "tooltip": layer.name],
                htmlLabel: box.html(style: style))))
        }
        for (l, layer) in network.layers.enumerated() {
            for connection in layer.inputs {
                let skip = connection.source != l - 1
                let shape = LayerBox.shape(of: network.layers[connection.source], after: after?.layers[connection.source])
                var attributes = ["label": " \(shape) "]
                if skip { attributes["style"] = "dashed"; attributes["constraint"] = "true"; attributes["class"] = "skip" }
                let styleIndex = scene.edges.style(attributes)
                scene.edges.add(tail: handles[connection.source], head: handles[l], style: styleIndex)
            }
        }
        let connections = scene.edges.count
        return Drawing(scene: scene, drawnEdges: connections, totalEdges: connections,
                       edgeSummary: "one arrow per weight block (\(connections))", title: title)
    }

    /// "name: 4 layers, 266,610 parameters, 532,500 FLOPs per sample" (with "→" values after a simplification).
    static func defaultTitle(_ name: String, _ layers: [LayerStatistics], after: [LayerStatistics]?) -> String {
        func change(_ a: Int, _ b: Int?) -> String { b.map { "\(Count.format(a)) → \(Count.format($0))" } ?? Count.format(a) }
        func total(_ s: [LayerStatistics]?, _ key: KeyPath<LayerStatistics, Int>) -> Int? { s.map { $0.reduce(0) { $0 + $1[keyPath: key] } } }
        return "\(name): \(layers.count) layers, \(change(total(layers, \.parameters)!, total(after, \.parameters))) parameters, "
            + "\(change(total(layers, \.flops)!, total(after, \.flops))) FLOPs per sample"
    }
}

extension Simplification {
    /// Removed neurons per layer and rule. O(removed).
    var removedByLayer: [Int: [(rule: NeuronFate.Rule, count: Int)]] {
        var counts: [Int: [NeuronFate.Rule: Int]] = [:]
        for fate in fates { counts[fate.neuron.layer, default: [:]][fate.rule, default: 0] += 1 }
        return counts.mapValues { byRule in NeuronFate.Rule.allCases.compactMap { rule in byRule[rule].map { (rule, $0) } } }
    }
}
