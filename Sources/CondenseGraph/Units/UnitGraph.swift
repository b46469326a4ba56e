import CondenseCore

/// The units of a whole graph and the weighted DAG between them: the output neurons of
/// every `Gemm`/`MatMul` with constant weights and the output channels of every `Conv`,
/// each with the bias and the element-wise activation that follow it (a constant bias `Add`,
/// `BatchNormalization` and `Identity`/`Dropout` fold into the layer), in the graph's
/// topological order after an input layer (the model's input features, or its channels when
/// the first unit layer is a convolution).
///
/// Edges follow the data through every node in between: pooling, `Flatten`/`Reshape`
/// (channel `c` of a map with `s` positions becomes features `c·s … (c+1)·s−1`), element-wise
/// operators, `Concat` along channels (an offset) and `Add` of two unit tensors, which
/// **couples** the layers on both sides: unit `k` of each is one `CouplingGroup` member and
/// can be removed or merged only together with the others (Torch-Pruning's dependency graph,
/// Fang et al., "DepGraph: Towards Any Structural Pruning", CVPR 2023). An edge's weight is
/// the connecting weight for a neuron-to-neuron edge, and the L2 norm of the kernel or of the
/// weight slice otherwise.
///
/// Each layer says whether its units may be removed (``UnitLayer/pinned``) and which layers
/// read them (``UnitLayer/consumers``); a ``UnitReduction`` applied with
/// ``ComputeGraph/applying(_:units:)`` removes or merges units in the graph itself.
/// O(nodes + parameters) after one dry run of the graph on one sample.
public struct UnitGraph: Sendable {
    public var layers: [UnitLayer]
    /// Groups of unit layers whose units must go together (each group has two or more layers).
    public var couplingGroups: [CouplingGroup]
    /// The DAG in edge-list form (struct of arrays; global unit indices, layer by layer).
    public var sources: [Int32]
    public var targets: [Int32]
    public var weights: [Float]
    /// The unit sources of every tensor between unit layers (its channels, by offset).
    public var tensorSources: [String: [UnitSource]]
    /// Channels (or features) of those tensors.
    public var tensorChannels: [String: Int]

    /// The global index of the first unit of each layer; the last entry is the unit count.
    public var layerOffsets: [Int] {
        var offsets = [0]
        for layer in layers { offsets.append(offsets[offsets.count - 1] + layer.width) }
        return offsets
    }

    public var unitCount: Int { layers.reduce(0) { $0 + $1.width } }
    public var edgeCount: Int { sources.count }

    /// The CSR view (both directions) of the unit DAG. O(units + edges).
    public var neuronGraph: NeuronGraph {
        NeuronGraph(layerWidths: layers.map(\.width), sources: sources, targets: targets, weights: weights,
                    bias: layers.flatMap { $0.bias.isEmpty ? [Float](repeating: 0, count: $0.width) : $0.bias },
                    activations: layers.map(\.activation))
    }
}

/// A layer of units: neurons of a dense node or channels of a convolution.
public struct UnitLayer: Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        case input
        case neurons
        case channels
    }

    public var name: String
    public var kind: Kind
    /// The `Gemm`/`MatMul`/`Conv` node (index in the IR), `nil` for the input layer.
    public var node: Int?
    public var width: Int
    /// Bias per unit, with a folded bias `Add` and `BatchNormalization` (empty for the input layer).
    public var bias: [Float]
    public var activation: Activation
    /// IR indices of the nodes folded into the layer (bias, BatchNormalization, pass-through, activation).
    public var foldedNodes: [Int]
    /// The tensor the layer's units leave in (after the folded nodes).
    public var outputTensor: String
    /// Kernel size for channels (`[kH, kW]`), empty for neurons.
    public var kernel: [Int]
    /// Spatial positions per unit in the output tensor (1 for neurons).
    public var positions: Int
    /// The layers it reads from (directly or through pooling, reshapes and Adds).
    public var sourceLayers: [Int]
    /// The tensor its node reads (input 0) and where that tensor's channels come from.
    public var inputTensor: String
    public var inputSources: [UnitSource]
    /// The tensor before the folded activation (the output tensor when there is none).
    public var preActivationTensor: String
    /// Per unit, the factor folded BatchNormalization (and Gemm `alpha`) put on its weights.
    public var scale: [Float]
    /// Why its units may not be removed (a graph output, an operator that mixes channels,
    /// a grouped convolution, coupling to the input); `nil` when they may.
    public var pinned: String?
    /// The unit layers that read its units (through pooling, reshapes, Adds and Concats).
    public var consumers: [Int]
    /// Whether every node between it and its consumers is positively homogeneous
    /// (`f(a·x) = a·f(x)` for `a > 0`), so a unit proportional to another may be merged into it.
    public var homogeneousPath: Bool
    /// `Reshape` nodes (IR indices) between it and its consumers, whose shape follows the unit count.
    public var pathReshapes: [Int]
}

/// Where channels of a tensor come from: unit layer `layer`, whose `channels` units fill
/// channels `offset ..< offset + channels` of the tensor, each over `positions` values.
public struct UnitSource: Sendable, Codable, Hashable {
    public var layer: Int
    public var channels: Int
    public var offset: Int
    public var positions: Int
}

/// Unit layers whose `k`-th units are tied by element-wise `Add`s (residual connections,
/// skip projections, parallel branches): they are removed or merged together.
public struct CouplingGroup: Sendable, Codable, Equatable {
    /// Layer indices, increasing.
    public var layers: [Int]
    /// Units per layer (the same for all).
    public var width: Int
    /// The `Add` nodes (display names) that tie them.
    public var joins: [String]
}
