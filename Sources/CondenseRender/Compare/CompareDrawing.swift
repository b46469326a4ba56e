import CondenseCore

/// How a before/after drawing is arranged.
public enum CompareStyle: String, CaseIterable, Sendable, Codable {
    /// The original network (removed neurons marked, their edges grey) left of the
    /// simplified one, both at the same scale.
    case sideBySide = "side-by-side"
    /// The original network above the simplified one (suits drawings wider than tall).
    case stacked
    /// One drawing at the original positions: removed neurons marked, edges of the
    /// simplified network (or, without it, of the survivors).
    case overlay
}

/// Before/after drawings of a simplification at neuron level: removed neurons greyed
/// (class `removed` and the rule), merged ones linked to their partner with the factor,
/// folded ones marked, a legend with the counts per rule, and a title with the counts.
public enum CompareDrawing {
    /// The drawing of `simplification`; `arrangement` `nil` stacks the two networks when
    /// one drawing is wider than tall, else puts them side by side. O(V + E log k) per panel.
    public static func make(_ simplification: Simplification, style arrangement: CompareStyle? = nil,
                            options: DrawingOptions = DrawingOptions()) throws(CondenseError) -> Drawing
    {
        let before = simplification.before
        let widths = before.layers.map(\.width)
        let input = try NeuronDrawing.resolvedInput(options.input, width: before.inputWidth)
        if let values = options.coloring { try values.validate(widths: widths) }
        let layout = NeuronLayout(widths: widths, input: input)
        let title = options.title ?? defaultTitle(simplification, name: options.modelName)
        var builder = NeuronSceneBuilder(theme: options.theme, height: layout.height, title: title,
                                         textScale: layout.geometry.textScale)
        var panel = NeuronPanel(network: before, layout: layout)
        panel.marks = FateMarks.marks(simplification.fates, style: builder.style, visible: 4.5 * layout.geometry.textScale)
        let colorings = NeuronDrawing.fills(before, panel.graph, input: input, values: options.coloring, style: builder.style)
        let arrangement = arrangement ?? (layout.width > layout.height ? .stacked : .sideBySide)
        let twoPanels = arrangement != .overlay && simplification.after != nil
        let thinning = twoPanels ? halved(options.thinning) : options.thinning
        if twoPanels { panel.caption = "Before" }

        let handles = builder.addNodes(panel, coloring: colorings.neurons, inputColoring: colorings.inputs)
        // The left (or only) panel shows the original edges, except an overlay with the
        // simplified network, which shows the simplified edges at the original positions.
        var edgeGraph = panel.graph
        var edgeHandles = handles
        var dimmed: Set<Int> = Set(simplification.fates.map { panel.graph.node($0.neuron) })
        if arrangement == .overlay, let after = simplification.after {
            edgeGraph = NeuronGraph(after)
            edgeHandles = overlayHandles(after, simplification.survivors, layout: layout, handles: handles)
            dimmed = []
        }
        let selection = EdgeSelection(graph: edgeGraph, thinning: thinning, minimumSource: firstSource(edgeGraph, input))
        let styles = EdgeStyles(style: builder.style, drawnEdges: twoPanels ? 2 * selection.count : selection.count)
        builder.addEdges(selection, graph: edgeGraph, handles: edgeHandles, styles: styles,
                         dimmed: dimmed.isEmpty ? nil : { dimmed.contains(Int($0)) || dimmed.contains(Int($1)) })
        var drawn = selection.count
        if input == .block { drawn += builder.addBlockEdges(graph: edgeGraph, handles: edgeHandles, styles: styles) }
        builder.addMergeLinks(simplification.fates, panel: panel, handles: handles)
        builder.addHeaders(panel)
        var edgeText = [selection.summary]
        var total = selection.totalCount

        if twoPanels, let after = simplification.after {
            let right = addAfterPanel(after, simplification, besides: panel, below: arrangement == .stacked, custom: options.coloring, colorings: colorings, thinning: thinning,
                                      styles: styles, into: &builder)
            drawn += right.drawn
            total += right.selection.totalCount
            edgeText = ["before: " + edgeText[0], "after: " + right.selection.summary]
        }

        builder.legend.sections = [FateMarks.legend(simplification, style: builder.style, dimmedEdges: !dimmed.isEmpty)]
        builder.legend.sections.append(builder.edgeLegend(edgeText, blockInput: input == .block, styles: styles))
        builder.legend.sections += NeuronDrawing.fillLegends(colorings, input: input)
        builder.addLegend()
        return Drawing(scene: builder.scene, drawnEdges: drawn, totalEdges: total, edgeSummary: edgeText.joined(separator: "; "), title: title)
    }

    /// The simplified network below or right of `left`, at the same scale, named by original
    /// addresses (`after_L1_3`) when the fates are known; its fill shares the left
    /// panel's scale. O(V + E log k).
    private static func addAfterPanel(
        _ after: Network, _ simplification: Simplification, besides left: NeuronPanel, below: Bool,
        custom: NeuronValues?, colorings: (neurons: NeuronColoring, inputs: NeuronColoring?), thinning: EdgeThinning, styles: EdgeStyles,
        into builder: inout NeuronSceneBuilder
    ) -> (selection: EdgeSelection, drawn: Int) {
        let layout = left.layout
        let gap = 90 * layout.geometry.textScale
        let afterLayout = NeuronLayout(
            widths: after.layers.map(\.width), input: layout.input, geometry: layout.geometry,
            originX: below ? layout.originX : layout.originX + layout.width + gap,
            originY: below ? layout.originY + layout.height + gap : layout.originY)
        let mapping = simplification.fates.isEmpty ? nil : simplification.survivors
        var right = NeuronPanel(network: after, layout: afterLayout, idPrefix: "after_", originalIndex: mapping)
        right.marks = left.marks.filter { $0.value.classes == ["partner"] }
        right.caption = "After"
        let values = custom.map { mapping.map($0.keeping) ?? $0 } ?? .bias(of: after)
        let fill = NeuronColoring(values: values, style: builder.style, sharing: colorings.neurons)
        let inputFill = colorings.inputs.map { inputs in
            inputs.values == colorings.neurons.values
                ? fill
                : NeuronColoring(values: .inputStrength(of: right.graph), style: builder.style, sharing: inputs)
        }
        let handles = builder.addNodes(right, coloring: fill, inputColoring: inputFill)
        let selection = EdgeSelection(graph: right.graph, thinning: thinning,
                                      minimumSource: firstSource(right.graph, layout.input))
        builder.addEdges(selection, graph: right.graph, handles: handles, styles: styles)
        var drawn = selection.count
        if layout.input == .block { drawn += builder.addBlockEdges(graph: right.graph, handles: handles, styles: styles) }
        builder.addHeaders(right)
        return (selection, drawn)
    }

    /// The first unit whose edges are drawn one by one (inputs drawn as a block are not).
    private static func firstSource(_ graph: NeuronGraph, _ input: InputStyle) -> Int {
        input == .block ? graph.layerOffsets[1] : 0
    }

    /// Scene nodes of the simplified network's units at their original positions. O(V).
    private static func overlayHandles(_ after: Network, _ survivors: [[Int]], layout: NeuronLayout, handles: [Int32]) -> [Int32] {
        var result: [Int32] = []
        for (l, layer) in after.layers.enumerated() {
            for j in 0..<layer.width { result.append(handles[layout.offsets[l] + survivors[l][j]]) }
        }
        return result
    }

    /// Half the edge budget for each of two panels.
    private static func halved(_ thinning: EdgeThinning) -> EdgeThinning {
        if case .maxEdges(let n) = thinning { return .maxEdges(n / 2) }
        return thinning
    }

    /// "name simplified: 1,194 → 1,100 neurons (−94), 266,200 → 240,000 edges".
    static func defaultTitle(_ s: Simplification, name: String) -> String {
        let before = s.before
        var text = "\(name): \(NeuronDrawing.shape(before))"
        if let after = s.after {
            text += " → \(NeuronDrawing.shape(after)); neurons \(Count.format(before.neuronCount)) → \(Count.format(after.neuronCount))"
            text += ", edges \(Count.format(before.edgeCount)) → \(Count.format(after.edgeCount))"
        } else {
            text += "; \(Count.format(before.neuronCount)) neurons"
        }
        if !s.fates.isEmpty {
            text += "\\n\(Count.format(s.fates.count)) removed: "
                + s.removedByRule.map { "\($0.rule.rawValue) \(Count.format($0.count))" }.joined(separator: ", ")
        }
        return text
    }
}
