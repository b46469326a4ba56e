import CondenseCore

/// A labeling scheme (Sommer 2014; Gavoille et al., "Distance labeling in graphs", 2004):
/// every node gets a label once, and a query about a pair of nodes is answered from the
/// two labels alone, without the graph.
///
/// Conforming types are built from a ``LabelingInput`` (the DAG, plus the network or
/// calibration activations where a scheme needs them; each documents its build time),
/// store their labels in flat struct-of-arrays storage, and report every label's size in
/// entries and in bits so that hypotheses about compressibility can be measured.
public protocol LabelingScheme: Sendable {
    /// The scheme's build parameters (vertex order, sketch bits, ...).
    associatedtype BuildOptions: Sendable
    /// One node's label, a cheap view into the scheme's flat storage.
    associatedtype Label: Sendable
    /// What a query returns (a semiring value, an estimated similarity, ...).
    associatedtype Answer: Sendable
    /// Stable command-line name (`hub`, `pll`, ...).
    static var schemeName: String { get }
    /// Which pairs a query is about: any two nodes, or two nodes of one layer.
    static var pairDomain: PairDomain { get }
    /// Builds the labels of every node of `input`.
    init(building input: LabelingInput, options: BuildOptions) throws(CondenseError)
    /// Number of labelled nodes.
    var nodeCount: Int { get }
    /// The label of node `v`.
    func label(of v: Int) -> Label
    /// Answers the query about `(source, target)` from their two labels alone.
    static func answer(_ source: Label, _ target: Label) -> Answer
    /// Answers the query about `(u, v)`; the default reads the two labels and calls
    /// ``answer(_:_:)``, a scheme may read its flat storage directly to the same effect.
    func query(_ u: Int, _ v: Int) -> Answer
    /// Number of stored entries (hubs, bits words, intervals) in the label of `v`.
    func entries(of v: Int) -> Int
    /// Size of the label of `v` in bits, by the encoding each scheme documents.
    func bits(of v: Int) -> Int
    /// Whether queries about `v` are meaningful (e.g. not a neuron without a signature);
    /// random pairs for timing and verification are drawn among these nodes.
    func isQueryable(_ v: Int) -> Bool
}

/// Build parameters of a scheme that has none.
public struct NoBuildOptions: Sendable {
    public init() {}
}

/// The pairs a scheme answers queries about.
public enum PairDomain: String, Sendable, Codable {
    /// Ordered pairs of any two nodes (path values, reachability).
    case anyPair = "any_pair"
    /// Pairs of nodes of the same layer (similarity, equivalence).
    case sameLayer = "same_layer"
}

extension LabelingScheme {
    /// Answers the query about `(u, v)` by reading their labels: O(cost of ``answer(_:_:)``).
    public func query(_ u: Int, _ v: Int) -> Answer { Self.answer(label(of: u), label(of: v)) }

    /// Every node is queryable unless a scheme says otherwise.
    public func isQueryable(_ v: Int) -> Bool { true }
}

/// Number of bits that tell apart `count` values: ⌈log2 count⌉, at least 1.
@inlinable
func bitsToIndex(_ count: Int) -> Int {
    count <= 2 ? 1 : Int.bitWidth - (count - 1).leadingZeroBitCount
}
