import CondenseCore

/// Neuron-level drawings: every neuron a node placed by layer (x) and index (y), every
/// drawn weight a straight edge coloured by sign, wide inputs as an image grid or a
/// block, nodes filled by bias or by any ``NeuronValues``. Rendered with Graphviz's
/// `nop2` engine, which keeps Condense's positions, so the cost is linear in the drawing
/// (the layered `dot` layout does not finish on LeNet-300-100's 266k edges).
public enum NeuronDrawing {
    /// The drawing of `network`. O(V + E log k) for top-k thinning, plus O(drawn edges).
    public static func make(_ network: Network, options: DrawingOptions = DrawingOptions())
        throws(CondenseError) -> Drawing
    {
        let widths = network.layers.map(\.width)
        let input = try resolvedInput(options.input, width: network.inputWidth)
        if let values = options.coloring { try values.validate(widths: widths) }
        let layout = NeuronLayout(widths: widths, input: input)
        let panel = NeuronPanel(network: network, layout: layout)
        let selection = EdgeSelection(graph: panel.graph, thinning: options.thinning,
                                      minimumSource: input == .block ? panel.graph.layerOffsets[1] : 0)
        let title = options.title ?? defaultTitle(options.modelName, network)
        var builder = NeuronSceneBuilder(theme: options.theme, height: layout.height, title: title,
                                          textScale: layout.geometry.textScale)
        let styles = EdgeStyles(style: builder.style, drawnEdges: selection.count)
        let colorings = fills(network, panel.graph, input: input, values: options.coloring, style: builder.style)
        let handles = builder.addNodes(panel, coloring: colorings.neurons, inputColoring: colorings.inputs)
        builder.addEdges(selection, graph: panel.graph, handles: handles, styles: styles)
        var drawn = selection.count
        if input == .block { drawn += builder.addBlockEdges(graph: panel.graph, handles: handles, styles: styles) }
        builder.addHeaders(panel)
        builder.legend.sections = [builder.edgeLegend([selection.summary], blockInput: input == .block, styles: styles)]
        builder.legend.sections += fillLegends(colorings, input: input)
        builder.addLegend()
        return Drawing(scene: builder.scene, drawnEdges: drawn, totalEdges: network.edgeCount,
                       edgeSummary: selection.summary, title: title)
    }

    /// The input style asked for, checked against the input width, or the automatic one.
    static func resolvedInput(_ asked: InputStyle?, width: Int) throws(CondenseError) -> InputStyle {
        guard let asked else { return .automatic(width: width) }
        if case .grid(let rows, let columns) = asked, rows * columns != width || rows <= 0 {
            throw .invalidArgument("an input grid of \(rows) x \(columns) does not fit \(width) input features")
        }
        return asked
    }

    /// "name: 784-300-100-10, 1,194 neurons, 266,200 edges".
    static func defaultTitle(_ name: String, _ network: Network) -> String {
        "\(name): \(shape(network)), \(Count.format(network.neuronCount)) neurons, \(Count.format(network.edgeCount)) edges"
    }

    /// Layer widths joined by dashes ("784-300-100-10").
    static func shape(_ network: Network) -> String { network.layers.map { String($0.width) }.joined(separator: "-") }

    /// The neuron fill (the values given, or the biases) and the input fill (the values
    /// of layer 0 if given, else for a grid the input strength). O(E).
    static func fills(_ network: Network, _ graph: NeuronGraph, input: InputStyle, values: NeuronValues?,
                      style: ThemeStyle) -> (neurons: NeuronColoring, inputs: NeuronColoring?)
    {
        let neurons = NeuronColoring(values: values ?? .bias(of: network), style: style)
        if let values, values.coveredLayers.contains(0) { return (neurons, neurons) }
        if case .grid = input { return (neurons, NeuronColoring(values: .inputStrength(of: graph), style: style)) }
        return (neurons, nil)
    }

    /// Legend sections of the fills.
    static func fillLegends(_ colorings: (neurons: NeuronColoring, inputs: NeuronColoring?), input: InputStyle) -> [LegendSection] {
        var sections = [colorings.neurons.legend()]
        if let inputs = colorings.inputs, inputs.values != colorings.neurons.values {
            sections.append(inputs.legend(title: "Input pixels: Σ|w| out"))
        }
        return sections
    }
}
