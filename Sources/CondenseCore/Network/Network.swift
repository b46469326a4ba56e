/// A feed-forward network seen as a layered, weighted DAG.
///
/// `layers[0]` is the input layer; every later layer is a group of units (neurons,
/// later conv channels) with a bias and an activation, fed by dense weight blocks
/// (``Connection``) from earlier layers. Skip connections are simply extra blocks.
/// The last layer is the output layer; its values go through ``outputTransform``.
///
/// This layered form drives the forward pass, collapse and export; the CSR form
/// ``NeuronGraph`` (built from it) drives graph algorithms such as labeling and rendering.
public struct Network: Hashable, Sendable {
    public var layers: [Layer]
    public var outputTransform: OutputTransform
    /// The input box `[lo, hi]` the model is meant for (from metadata or data), if known.
    public var inputDomain: ClosedRange<Float>?

    /// Builds a network and checks its invariants.
    public init(layers: [Layer], outputTransform: OutputTransform = .none,
                inputDomain: ClosedRange<Float>? = nil) throws(CondenseError) {
        self.layers = layers
        self.outputTransform = outputTransform
        self.inputDomain = inputDomain
        try validate()
    }

    public var inputWidth: Int { layers[0].width }
    public var outputWidth: Int { layers[layers.count - 1].width }
    /// Indices of the hidden layers (neither input nor output).
    public var hiddenLayers: Range<Int> { 1..<(layers.count - 1) }
    public var neuronCount: Int { layers.reduce(0) { $0 + $1.width } }
    public var hiddenNeuronCount: Int { hiddenLayers.reduce(0) { $0 + layers[$1].width } }

    /// Checks shapes, layer order and finiteness; every mutation should keep these.
    public func validate() throws(CondenseError) {
        guard layers.count >= 2 else { throw .invalidModel("a network needs an input layer and at least one layer") }
        guard layers[0].kind == .input, layers[0].inputs.isEmpty else {
            throw .internalError("layer 0 must be the input layer")
        }
        for (l, layer) in layers.enumerated() where l > 0 {
            guard layer.width > 0 else { throw .invalidModel("layer \(l) '\(layer.name)' has no units") }
            guard layer.bias.count == layer.width else {
                throw .shapeMismatch("layer \(l) '\(layer.name)' has \(layer.bias.count) biases for \(layer.width) units")
            }
            guard let first = layer.inputs.first, first.source == l - 1 else {
                throw .internalError("layer \(l) must be fed by layer \(l - 1) first")
            }
            var seen = Set<Int>()
            for c in layer.inputs {
                guard c.source >= 0, c.source < l, seen.insert(c.source).inserted else {
                    throw .internalError("layer \(l) has a connection from layer \(c.source)")
                }
                guard c.weights.rows == layer.width, c.weights.columns == layers[c.source].width else {
                    throw .shapeMismatch(
                        "layer \(l) '\(layer.name)': weights \(c.weights.rows)x\(c.weights.columns) from layer \(c.source) "
                            + "do not fit widths \(layer.width) and \(layers[c.source].width)")
                }
                if let bad = c.weights.values.firstIndex(where: { !$0.isFinite }) {
                    throw .nonFiniteWeight(
                        "layer \(l) '\(layer.name)' weight [\(bad / c.weights.columns), \(bad % c.weights.columns)] is \(Self.describe(c.weights.values[bad]))")
                }
            }
            if let bad = layer.bias.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteWeight("layer \(l) '\(layer.name)' bias [\(bad)] is \(Self.describe(layer.bias[bad]))")
            }
        }
    }

    private static func describe(_ value: Float) -> String { value.isNaN ? "NaN" : "\(value > 0 ? "+" : "-")infinity" }

    /// Layers that read from layer `l` (through a main or a skip connection).
    public func consumers(of l: Int) -> [Int] {
        (l + 1..<layers.count).filter { layers[$0].connection(from: l) != nil }
    }
}
