/// The outcome of checking random queries against an exhaustive computation.
public struct Verification: Codable, Sendable, Hashable {
    /// Queries compared.
    public var checked: Int
    /// Answers that differ from the reference (exact schemes; nil for estimates).
    public var mismatches: Int?
    /// What the answers were compared with.
    public var reference: String
    /// Distribution of the error: relative for exact values, absolute for estimates.
    public var error: ErrorDistribution
    /// Scheme-specific counts (e.g. the fraction the labels decided alone).
    public var notes: [String: Double]

    enum CodingKeys: String, CodingKey { case checked, mismatches, reference, error, notes }

    /// Encodes every key, `mismatches` as null for estimates, so the JSON keys are stable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(checked, forKey: .checked)
        try container.encode(mismatches, forKey: .mismatches)
        try container.encode(reference, forKey: .reference)
        try container.encode(error, forKey: .error)
        try container.encode(notes, forKey: .notes)
    }

    public init(checked: Int, mismatches: Int?, reference: String, errors: [Double], notes: [String: Double] = [:]) {
        self.checked = checked
        self.mismatches = mismatches
        self.reference = reference
        self.error = ErrorDistribution(errors)
        self.notes = notes
    }
}

/// Mean and quantiles of a list of errors.
public struct ErrorDistribution: Codable, Sendable, Hashable {
    public var mean: Double
    public var median: Double
    public var p90: Double
    public var p99: Double
    public var max: Double

    /// Summarises `errors` (absolute values are taken). O(n log n).
    public init(_ errors: [Double]) {
        let sorted = errors.map(abs).sorted()
        func quantile(_ q: Double) -> Double {
            sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]
        }
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        median = quantile(0.5)
        p90 = quantile(0.9)
        p99 = quantile(0.99)
        max = sorted.last ?? 0
    }
}

/// Whether two semiring values agree up to rounding: equal (including infinities), or
/// within `1e-9` absolute plus `1e-7` relative. Returns the relative error too.
func agreement(_ a: Double, _ b: Double) -> (agree: Bool, error: Double) {
    if a == b { return (true, 0) }
    guard a.isFinite, b.isFinite else { return (false, .infinity) }
    let scale = max(abs(a), abs(b))
    let difference = abs(a - b)
    return (difference <= 1e-9 + 1e-7 * scale, difference / max(scale, 1e-300))
}
