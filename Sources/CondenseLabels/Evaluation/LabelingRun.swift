import CondenseCore

/// The labeling schemes by name.
public enum SchemeKind: String, CaseIterable, Sendable, Codable {
    case equivalence, hub, pll, sketch, reachability

    /// Whether `--verify` must find no mismatch (sketches are estimates).
    public var isExact: Bool { self != .sketch }

    /// Parses a command-line name, with one clear line for an unknown name.
    public init(parsing name: String) throws(CondenseError) {
        guard let kind = SchemeKind(rawValue: name) else {
            let known = SchemeKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidArgument("unknown labeling scheme '\(name)' (known: \(known))")
        }
        self = kind
    }
}

/// How to build, time and check one labeling.
public struct LabelingOptions: Sendable {
    public var scheme: SchemeKind
    /// Semiring of `hub` and `pll` (default min-plus).
    public var semiring: SemiringKind = .minPlus
    /// Vertex order of `pll`.
    public var order: VertexOrder = .bottleneck
    /// Random pairs to time queries on.
    public var queries: Int = 1_000_000
    /// Random queries to check against an exhaustive computation (0: none).
    public var verify: Int = 0
    /// Sketch bits `k`.
    public var bits: Int = 256
    /// GRAIL traversals `d`.
    public var traversals: Int = 3
    /// Equivalence tolerance.
    public var tolerance: Double = 1e-6
    public var seed: UInt64 = 1
    /// Whether to compute the scheme-specific ``LabelingReport/details`` (some cost a pass
    /// over every node, e.g. finding dead ends).
    public var details = true

    public init(scheme: SchemeKind) { self.scheme = scheme }
}

/// What a labeling runs on: the DAG, and the network and calibration activations for the
/// schemes that need them (equivalence; activation sketches).
public struct LabelingInput: Sendable {
    public var graph: LayeredDAG
    public var network: Network?
    public var activations: [Matrix]?

    public init(graph: LayeredDAG, network: Network? = nil, activations: [Matrix]? = nil) {
        self.graph = graph
        self.network = network
        self.activations = activations
    }

    /// The DAG of `network`, keeping the network.
    public init(network: Network, activations: [Matrix]? = nil) {
        self.init(graph: LayeredDAG(network), network: network, activations: activations)
    }
}

/// Everything measured about one labeling, with stable snake_case JSON keys.
public struct LabelingReport: Codable, Sendable {
    public var scheme: String
    public var semiring: String?
    public var order: String?
    public var nodes: Int
    public var edges: Int
    public var layers: Int
    public var skipConnections: Bool
    public var build: Timing
    public var sizes: LabelSizes
    /// 32 bits per stored weight of the network (per edge without a network).
    public var weightBits: Int
    /// `sizes.totalBits / weightBits`.
    public var bitsPerWeightBit: Double
    public var queries: QueryTiming
    public var verification: Verification?
    /// Scheme-specific numbers (width bound, dead ends, candidate pairs, ...).
    public var details: [String: Double]

    enum CodingKeys: String, CodingKey {
        case scheme, semiring, order, nodes, edges, layers, build, sizes, queries, verification, details
        case skipConnections = "skip_connections", weightBits = "weight_bits", bitsPerWeightBit = "bits_per_weight_bit"
    }

    /// Encodes every key (absent values as null), so the JSON keys are stable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scheme, forKey: .scheme)
        try c.encode(semiring, forKey: .semiring)
        try c.encode(order, forKey: .order)
        try c.encode(nodes, forKey: .nodes)
        try c.encode(edges, forKey: .edges)
        try c.encode(layers, forKey: .layers)
        try c.encode(skipConnections, forKey: .skipConnections)
        try c.encode(build, forKey: .build)
        try c.encode(sizes, forKey: .sizes)
        try c.encode(weightBits, forKey: .weightBits)
        try c.encode(bitsPerWeightBit, forKey: .bitsPerWeightBit)
        try c.encode(queries, forKey: .queries)
        try c.encode(verification, forKey: .verification)
        try c.encode(details, forKey: .details)
    }
}

/// A built labeling and its report.
public struct LabelingResult: Sendable {
    public var report: LabelingReport
    public var labels: any LabelExporting
}
