import CondenseCore

/// Maps ``NeuronValues`` to node fills and a legend section: continuous values that
/// change sign use the theme's diverging palette centred on 0 (so 0 is neutral and
/// equal magnitudes look alike), other continuous values the sequential palette from
/// their minimum to their maximum, and categories the qualitative palette.
/// Building it is O(V); each lookup is O(1).
public struct NeuronColoring: Sendable {
    /// The values coloured.
    public let values: NeuronValues
    /// The theme whose palettes are used.
    public let style: ThemeStyle
    /// Range of the continuous values (0...0 when there are none).
    public let low: Double
    public let high: Double
    /// Whether continuous values use the diverging palette.
    public let diverging: Bool

    /// A colouring scaled to the range of `values`, or to the range of `sharing` so two
    /// drawings (before / after) use one scale and one legend.
    public init(values: NeuronValues, style: ThemeStyle, sharing: NeuronColoring? = nil) {
        self.values = values
        self.style = style
        let finite = values.numbers.joined().filter(\.isFinite)
        low = min(finite.min() ?? 0, sharing?.low ?? .infinity)
        high = max(finite.max() ?? 0, sharing?.high ?? -.infinity)
        diverging = low < 0 && high > 0
    }

    /// The fill of neuron `id`, or `nil` when it has no value.
    public func fill(_ id: NeuronID) -> RGBColor? {
        switch values.kind {
        case .categorical:
            return values.code(id).map { style.palette.category($0) }
        case .continuous:
            return values.number(id).map(color(for:))
        }
    }

    /// The colour of a continuous value. O(1).
    public func color(for value: Double) -> RGBColor {
        if diverging {
            let scale = max(abs(low), abs(high))
            return style.palette.diverging(scale > 0 ? value / scale : 0)
        }
        return style.palette.sequential(high > low ? (value - low) / (high - low) : 0.5)
    }

    /// The legend section: a ramp with its range, or one swatch per class (at most 16 listed).
    public func legend(title: String? = nil) -> LegendSection {
        let heading = title ?? "Fill: \(values.name)"
        switch values.kind {
        case .categorical:
            var rows = values.classes.prefix(16).enumerated().map { i, name in
                LegendRow(.fill(style.palette.category(i)), name)
            }
            if values.classes.count > 16 { rows.append(LegendRow(.none, "... and \(values.classes.count - 16) more classes")) }
            if values.classes.count > style.palette.categorical.count {
                rows.append(LegendRow(.none, "(colours repeat after \(style.palette.categorical.count) classes)"))
            }
            return LegendSection(title: heading, rows: rows)
        case .continuous:
            let ramp: [RGBColor]
            let range: String
            if diverging {
                let scale = max(abs(low), abs(high))
                ramp = (0...8).map { style.palette.diverging(Double($0) / 4 - 1) }
                range = "\(Count.decimal(-scale)) ... 0 ... \(Count.decimal(scale))"
            } else {
                ramp = (0...8).map { style.palette.sequential(Double($0) / 8) }
                range = "\(Count.decimal(low)) ... \(Count.decimal(high))"
            }
            return LegendSection(title: heading, rows: [LegendRow(.ramp(ramp), range)])
        }
    }
}

extension NeuronValues {
    /// The biases of every non-input neuron (the default fill). O(V).
    public static func bias(of network: Network) -> NeuronValues {
        NeuronValues(name: "bias", layers: network.layers.map { layer in
            layer.kind == .input ? [] : layer.bias.map(Double.init)
        })
    }

    /// For the input layer, the sum of |w| over each feature's outgoing edges: how much
    /// the network reads each pixel (the default fill of an input grid). O(E).
    public static func inputStrength(of graph: NeuronGraph) -> NeuronValues {
        let inputs = graph.layerOffsets[1]
        let strengths = (0..<inputs).map { v in graph.outEdges(v).reduce(0.0) { $0 + Double(abs(graph.outWeights[$1])) } }
        return NeuronValues(name: "input strength", layers: [strengths])
    }
}
