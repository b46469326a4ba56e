import CondenseCore

extension NeuronSceneBuilder {
    /// Adds the selected edges of `graph`, whose unit `v` is drawn as scene node
    /// `handles[v]`. Edges for which `dimmed` holds (e.g. into a removed neuron) are grey.
    /// O(drawn edges log drawn edges) for the per-layer scales, O(1) per edge after.
    mutating func addEdges(_ selection: EdgeSelection, graph: NeuronGraph, handles: [Int32], styles: EdgeStyles,
                           dimmed: ((Int32, Int32) -> Bool)? = nil) {
        let scales = EdgeStyles.layerScales(selection, layerOf: { Int(graph.layerOfNode[Int($0)]) },
                                            layerCount: graph.layerCount)
        let table = styleTable(styles)
        let grey = scene.edges.style([
            "color": style.removedOutline.hex(opacity: 0.5 * styles.density),
            "penwidth": GraphvizNumber.format(style.edgeWidth.lowerBound), "class": "removed-edge",
        ])
        scene.edges.reserveCapacity(scene.edges.count + selection.count)
        for e in 0..<selection.count {
            let source = selection.sources[e], target = selection.targets[e]
            let w = selection.weights[e]
            let chosen: Int32
            if let dimmed, dimmed(source, target) {
                chosen = grey
            } else {
                let level = EdgeStyles.level(abs(w), scale: scales[Int(graph.layerOfNode[Int(target)])])
                chosen = table[(w > 0 ? EdgeStyles.levels : 0) + level]
            }
            scene.edges.add(tail: handles[Int(source)], head: handles[Int(target)], style: chosen)
        }
    }

    /// For an input drawn as one block: one edge from the block into each neuron fed by
    /// the input, carrying the row sum of its input weights (its response to an all-ones
    /// input). O(edges out of the input).
    mutating func addBlockEdges(graph: NeuronGraph, handles: [Int32], styles: EdgeStyles) -> Int {
        let inputs = graph.layerOffsets[1]
        var sums: [Int: Float] = [:]
        for v in 0..<inputs {
            for e in graph.outEdges(v) { sums[Int(graph.outTargets[e]), default: 0] += graph.outWeights[e] }
        }
        let scale = sums.values.map(abs).max() ?? 1
        let table = styleTable(styles)
        for (target, w) in sums.sorted(by: { $0.key < $1.key }) {
            let level = EdgeStyles.level(abs(w), scale: scale)
            scene.edges.add(tail: handles[0], head: handles[target], style: table[(w > 0 ? EdgeStyles.levels : 0) + level])
        }
        return sums.count
    }

    /// Style indices: `levels` negative styles, then `levels` positive ones.
    private mutating func styleTable(_ styles: EdgeStyles) -> [Int32] {
        [false, true].flatMap { positive in
            (0..<EdgeStyles.levels).map { scene.edges.style(styles.attributes(positive: positive, level: $0)) }
        }
    }

    /// The legend section about edges: colours by sign, what width means, the thinning rule.
    func edgeLegend(_ summaries: [String], blockInput: Bool, styles: EdgeStyles) -> LegendSection {
        var rows = [
            LegendRow(.stroke(style.palette.diverging(0.9)), "positive weight"),
            LegendRow(.stroke(style.palette.diverging(-0.9)), "negative weight"),
            LegendRow(.none, "width, opacity ~ |w| / layer's strongest"),
        ] + summaries.map { LegendRow(.none, $0) }
        if blockInput { rows.append(LegendRow(.none, "input block edges: row sums of w")) }
        return LegendSection(title: "Edges", rows: rows)
    }
}
