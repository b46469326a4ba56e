/// Counts a researcher reports: neurons, edges, parameters and FLOPs, per layer and in total.
public struct LayerStatistics: Hashable, Sendable, Codable {
    public var index: Int
    public var name: String
    public var kind: String
    public var width: Int
    public var activation: String
    /// Nonzero weights into the layer (graph edges).
    public var edges: Int
    /// Stored weights and biases (dense blocks count every entry).
    public var parameters: Int
    /// Floating-point operations per sample: 2 per stored weight (multiply, add), 1 per bias, 1 per activation.
    public var flops: Int
    /// Source layers of the incoming blocks (more than one means skip connections).
    public var sources: [Int]

    public init(index: Int, name: String, kind: String, width: Int, activation: String, edges: Int, parameters: Int,
                flops: Int, sources: [Int]) {
        self.index = index
        self.name = name
        self.kind = kind
        self.width = width
        self.activation = activation
        self.edges = edges
        self.parameters = parameters
        self.flops = flops
        self.sources = sources
    }
}

extension Network {
    /// Statistics of every layer, input layer first.
    public var layerStatistics: [LayerStatistics] {
        layers.enumerated().map { l, layer in
            let weights = layer.inputs.reduce(0) { $0 + $1.weights.values.count }
            let edges = layer.inputs.reduce(0) { $0 + $1.weights.nonzeroCount }
            let activationCost = (layer.kind == .input || layer.activation == .identity) ? 0 : layer.width
            return LayerStatistics(
                index: l, name: layer.name, kind: layer.kind.rawValue, width: layer.width,
                activation: layer.kind == .input ? "-" : layer.activation.name,
                edges: edges, parameters: weights + layer.bias.count,
                flops: 2 * weights + layer.bias.count + activationCost,
                sources: layer.inputs.map(\.source))
        }
    }

    public var edgeCount: Int { layerStatistics.reduce(0) { $0 + $1.edges } }
    public var parameterCount: Int { layerStatistics.reduce(0) { $0 + $1.parameters } }
    public var flopCount: Int { layerStatistics.reduce(0) { $0 + $1.flops } }
}
