import CondenseCore

/// Equivalence labels: a neuron's label is its block in the coarsest forward-bisimulation
/// partition (``EquivalencePartition``, the partition exact collapse merges by) and its
/// scale factor against the block's representative. Equal blocks mean equivalent neurons:
/// `out(u) = (factor(u) / factor(v)) · out(v)`, answered from the two labels in O(1).
///
/// Labels take `⌈log2 blocks⌉ + 64` bits. Building costs what the partition costs
/// (expected O(V + E)); this type adds O(V).
public struct EquivalenceLabeling: LabelingScheme {
    public static var schemeName: String { "equivalence" }
    public static var pairDomain: PairDomain { .sameLayer }

    /// The partition the labels are read from.
    public let partition: EquivalencePartition
    let addressing: NodeAddressing
    /// Number of nodes in each node's block.
    public let blockSizes: [Int]

    public var nodeCount: Int { partition.blockOfNode.count }

    /// One node's label: block and factor.
    public struct Label: Sendable, Hashable {
        public let block: Int32
        public let factor: Double
    }

    /// Build parameters: the tolerance of ``EquivalencePartition``.
    public struct BuildOptions: Sendable {
        public var tolerance: Double
        public init(tolerance: Double = 1e-6) { self.tolerance = tolerance }
    }

    /// Labels of the input's network (its weights, biases and activations); throws without one.
    public init(building input: LabelingInput, options: BuildOptions) throws(CondenseError) {
        guard let network = input.network else {
            throw .invalidArgument("equivalence labels need the network (weights, biases and activations)")
        }
        try self.init(graph: NeuronGraph(network), tolerance: options.tolerance)
    }

    /// Labels of the neurons of `graph`; `tolerance` as in ``EquivalencePartition``.
    public init(graph: NeuronGraph, tolerance: Double = 1e-6) throws(CondenseError) {
        partition = try EquivalencePartition(graph, tolerance: tolerance)
        addressing = NodeAddressing(layerOfNode: graph.layerOfNode, layerOffsets: graph.layerOffsets)
        var size = [Int](repeating: 0, count: partition.blockCount)
        for b in partition.blockOfNode { size[Int(b)] += 1 }
        blockSizes = partition.blockOfNode.map { size[Int($0)] }
    }

    public func label(of v: Int) -> Label { Label(block: partition.blockOfNode[v], factor: partition.factor[v]) }

    /// The factor `c` with `out(source) = c · out(target)` when the two are equivalent, else nil. O(1).
    public static func answer(_ source: Label, _ target: Label) -> Double? {
        source.block == target.block ? source.factor / target.factor : nil
    }

    public func entries(of v: Int) -> Int { 2 }

    /// Input features are singletons by definition; queries are about neurons.
    public func isQueryable(_ v: Int) -> Bool { addressing.layerOfNode[v] > 0 }

    /// Bits: the block id (⌈log2 blocks⌉) and a 64-bit factor.
    public func bits(of v: Int) -> Int { bitsToIndex(partition.blockCount) + 64 }
}
