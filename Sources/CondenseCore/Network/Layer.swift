/// A weighted block of edges from every unit of an earlier layer into a layer.
///
/// `weights` has one row per unit of the receiving layer and one column per unit
/// of the source layer: `z[i] += weights[i, j] * x_source[j]`. The main connection
/// of layer `l` comes from layer `l - 1`; any other is a skip connection.
public struct Connection: Hashable, Sendable {
    /// Index of the source layer in ``Network/layers``.
    public var source: Int
    public var weights: Matrix

    public init(source: Int, weights: Matrix) {
        self.source = source
        self.weights = weights
    }
}

/// What one unit (graph node) of a layer stands for.
public enum LayerKind: String, Hashable, Sendable, Codable {
    /// The network's input features (pixels): no bias, no activation, no incoming edges.
    case input
    /// A fully connected layer: each unit is a neuron.
    case dense
}

/// A layer of the network: a group of units with bias and activation, fed by connections.
public struct Layer: Hashable, Sendable {
    public var name: String
    public var kind: LayerKind
    public var width: Int
    public var activation: Activation
    /// One bias per unit (empty for the input layer).
    public var bias: [Float]
    /// Incoming connections; the first is from the previous layer, the rest are skip connections.
    public var inputs: [Connection]

    public init(name: String, kind: LayerKind = .dense, width: Int, activation: Activation = .identity,
                bias: [Float], inputs: [Connection]) {
        self.name = name
        self.kind = kind
        self.width = width
        self.activation = activation
        self.bias = bias
        self.inputs = inputs
    }

    /// The input layer of `width` features.
    public static func input(width: Int, name: String = "input") -> Layer {
        Layer(name: name, kind: .input, width: width, activation: .identity, bias: [], inputs: [])
    }

    /// The connection from `source`, if any.
    public func connection(from source: Int) -> Connection? { inputs.first { $0.source == source } }
}

/// A neuron's address: its layer and its index inside that layer.
public struct NeuronID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var layer: Int
    public var index: Int
    public init(layer: Int, index: Int) {
        self.layer = layer
        self.index = index
    }
    public static func < (a: NeuronID, b: NeuronID) -> Bool { (a.layer, a.index) < (b.layer, b.index) }
    public var description: String { "L\(layer):\(index)" }
}
