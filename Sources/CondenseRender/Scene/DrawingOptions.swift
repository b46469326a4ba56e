import CondenseCore
/// Options of a drawing. Neuron-level and before/after drawings use all of them; the
/// layer-level diagram uses the theme, the title and the model name.
public struct DrawingOptions: Hashable, Sendable {
    /// Which edges to draw; stated in the legend.
    public var thinning: EdgeThinning
    public var theme: Theme
    /// Per-neuron values for the node fill (the colouring hook); `nil` fills by bias.
    public var coloring: NeuronValues?
    /// How to draw the input layer; `nil` picks ``InputStyle/automatic(width:)``.
    public var input: InputStyle?
    /// The title; `nil` writes the model name and its counts.
    public var title: String?
    /// The model's name for the automatic title (e.g. the file name).
    public var modelName: String
    /// Per-layer counts to show instead of the drawn network's own (a unit DAG's weights are
    /// kernel norms, so its true parameters and FLOPs come from the graph): before and after.
    public var layerCounts: LayerCounts?

    /// Options with the defaults: at most 30,000 edges, screen theme, fill by bias,
    /// automatic input style and title.
    public init(thinning: EdgeThinning = .standard, theme: Theme = .screen, coloring: NeuronValues? = nil,
                input: InputStyle? = nil, title: String? = nil, modelName: String = "network") {
        self.thinning = thinning
        self.theme = theme
        self.coloring = coloring
        self.input = input
        self.title = title
        self.modelName = modelName
    }
}

/// Per-layer counts for a layer diagram, before and (after a simplification) after.
public struct LayerCounts: Hashable, Sendable {
    public var before: [LayerStatistics]
    public var after: [LayerStatistics]?
    public init(before: [LayerStatistics], after: [LayerStatistics]?) {
        self.before = before
        self.after = after
    }
}
