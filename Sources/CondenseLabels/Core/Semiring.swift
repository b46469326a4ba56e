import CondenseCore

/// A commutative semiring `(S, plus, times, zero, one)` over `Double`, the algebra a path
/// labeling scheme aggregates in: the value of a path is the `times`-product of its edge
/// values, and the value of a pair `(u, v)` is the `plus`-sum over all `u -> v` paths
/// (the algebraic path problem; Sommer, "Shortest-path queries in static networks",
/// ACM Computing Surveys 46(4), 2014, and Mohri's semiring framework).
///
/// `zero` is the value of "no path" (the identity of `plus` and the annihilator of
/// `times`); `one` is the value of the empty path. All operations are O(1).
public protocol Semiring: Sendable {
    /// Stable command-line name (`min-plus`, `max-times`, ...).
    static var name: String { get }
    static var zero: Double { get }
    static var one: Double { get }
    static func plus(_ a: Double, _ b: Double) -> Double
    static func times(_ a: Double, _ b: Double) -> Double
    /// The semiring value of an edge of weight `weight` (a nonzero weight of the network).
    static func edgeValue(weight: Float) -> Double
    /// Whether `plus` selects one of its arguments (min, max, or): then the value of a
    /// pair is attained by one path, and pruned landmark labeling applies.
    static var isSelective: Bool { get }
    /// Bits needed to store one value in a label (0 when presence alone is the value).
    static var valueBits: Int { get }
}

extension Semiring {
    public static var valueBits: Int { 64 }
}

/// The semirings by name, for choosing one at run time (command line, reports).
public enum SemiringKind: String, CaseIterable, Sendable, Codable {
    case minPlus = "min-plus"
    case maxTimes = "max-times"
    case sumTimes = "sum-times"
    case pathNorm = "path-norm"
    case boolean

    /// The semiring type this name stands for.
    public var type: any Semiring.Type {
        switch self {
        case .minPlus: return MinPlus.self
        case .maxTimes: return MaxTimes.self
        case .sumTimes: return SumTimes.self
        case .pathNorm: return PathNorm.self
        case .boolean: return BooleanSemiring.self
        }
    }

    /// Parses a command-line name, with one clear line for an unknown name.
    public init(parsing name: String) throws(CondenseError) {
        guard let kind = SemiringKind(rawValue: name) else {
            let known = SemiringKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidArgument("unknown semiring '\(name)' (known: \(known))")
        }
        self = kind
    }
}
