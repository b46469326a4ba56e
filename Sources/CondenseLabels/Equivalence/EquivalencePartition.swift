import CondenseCore

/// The coarsest forward-bisimulation partition of a network's neurons: which neurons
/// compute the same function up to a positive factor.
///
/// Two neurons of a layer are *equivalent* when they have the same activation and their
/// signatures — incoming weights plus bias — are proportional with a factor `c > 0`
/// (positively homogeneous activations: ReLU, LeakyReLU, identity, where `f(c z) = c f(z)`)
/// or equal (sigmoid, tanh). Then `out(v) = c * out(rep)`.
///
/// With `refining`, signatures are taken over the blocks of the partition already found
/// upstream instead of over single source neurons (forward bisimulation, lumpability:
/// Prabhakar, "Bisimulations for neural network reduction", VMCAI 2022; Ressi et al.,
/// "Neural networks reduction via lumping", 2022): neuron `v`'s weight towards block `B`
/// is `sum_{u in B} w(u, v) * factor(u)`. Two neurons reading from different but
/// equivalent upstream neurons are then found equivalent even though their raw weight
/// vectors differ. On a DAG one pass in layer order reaches the coarsest such partition:
/// coarser upstream blocks only add up signature entries, which keeps proportional
/// signatures proportional.
///
/// Finding the blocks never compares all pairs. Each signature is normalised by its
/// largest absolute entry, projected on a seeded pseudo-random direction, and hashed by
/// the projection quantised to a width that any two signatures within `tolerance`
/// (max-norm) cannot exceed; a neuron is then verified against the representatives in
/// its bucket and the two neighbouring ones. Expected time O(V + E) per call, where E
/// counts the stored edges of the ``NeuronGraph`` (nonzero weights), and O(V + E) memory.
public struct EquivalencePartition: Sendable {
    /// The max-norm distance between normalised signatures under which they count as equal.
    public let tolerance: Double
    /// Whether signatures aggregate over upstream blocks (bisimulation) or use raw weights.
    public let refining: Bool
    /// Block of every node of the graph; blocks are numbered in the order of their
    /// representatives, which are the lowest node of each block.
    public let blockOfNode: [Int32]
    /// `out(v) = factor[v] * out(representative(of: v))`; 1 for representatives.
    public let factor: [Double]
    /// Max-norm distance between the normalised signatures of `v` and of its
    /// representative (0 for representatives): how close to the tolerance the match was.
    public let deviation: [Double]
    /// The representative (lowest) node of each block.
    public let representatives: [Int32]

    /// Partitions the nodes of `graph`; input nodes are singletons.
    /// Throws `invalidArgument` for a negative or non-finite tolerance. Expected O(V + E).
    public init(_ graph: NeuronGraph, tolerance: Double = 1e-6, refining: Bool = true) throws(CondenseError) {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw .invalidArgument("the equivalence tolerance must be a finite number >= 0, not \(tolerance)")
        }
        var builder = PartitionBuilder(graph: graph, tolerance: tolerance, refining: refining)
        builder.run()
        self.tolerance = tolerance
        self.refining = refining
        blockOfNode = builder.blockOfNode
        factor = builder.factor
        deviation = builder.deviation
        representatives = builder.representatives
    }

    /// Number of blocks.
    public var blockCount: Int { representatives.count }

    /// The representative node of `v`'s block. O(1).
    @inlinable
    public func representative(of v: Int) -> Int { Int(representatives[Int(blockOfNode[v])]) }

    /// Whether `v` represents its block. O(1).
    @inlinable
    public func isRepresentative(_ v: Int) -> Bool { representative(of: v) == v }

    /// The factor `c` with `out(u) = c * out(v)` when `u` and `v` are equivalent, else `nil`. O(1).
    public func relation(_ u: Int, _ v: Int) -> Double? {
        guard blockOfNode[u] == blockOfNode[v] else { return nil }
        return factor[u] / factor[v]
    }

    /// Number of nodes that are not representatives: what merging every block removes. O(V).
    public var mergeableCount: Int { blockOfNode.count - blockCount }
}
