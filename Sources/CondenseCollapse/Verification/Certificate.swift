import CondenseCore

/// The report of an exact collapse: every removed neuron with its rule and evidence
/// (bounds, partner and factor), counts before and after, timings, and the measured
/// output change on random points of the domain and on given data. Codable with stable
/// snake_case keys, for `condense simplify --json` and `--report`.
public struct Certificate: Sendable, Codable {
    public var mode: String
    public var options: ExactCollapseOptions
    /// The box the stability rule used (`nil` if it did not run).
    public var domain: InputBox?
    public var before: NetworkCounts
    public var after: NetworkCounts
    /// Removed neurons per rule name (`dead_end`, `constant`, `equivalent`, `stable_dead`, ...).
    public var removedByRule: [String: Int]
    /// Every removed neuron, original addresses, in order.
    public var removed: [NeuronFate]
    public var declinedFolds: [DeclinedFold]
    public var secondsByRule: [String: Double]
    public var totalSeconds: Double
    public var passes: Int
    /// The box the random points were drawn from.
    public var randomPointDomain: InputBox
    /// Output change on seeded uniform points of ``randomPointDomain``.
    public var randomPoints: OutputDeviation
    /// Output change on the given data, if any.
    public var data: OutputDeviation?
    /// Stability candidates kept unproven because the time limit ran out (0: the search finished).
    public var unprovenAtTimeLimit: Int = 0

    enum CodingKeys: String, CodingKey {
        case mode, options, domain, before, after, removed, passes, data
        case removedByRule = "removed_by_rule"
        case declinedFolds = "declined_folds"
        case secondsByRule = "seconds_by_rule"
        case totalSeconds = "total_seconds"
        case randomPointDomain = "random_point_domain"
        case randomPoints = "random_points"
        case unprovenAtTimeLimit = "unproven_at_time_limit"
    }
}

extension CollapseResult {
    /// Measures the result against `original` and packs the certificate. Random points are
    /// drawn from the collapse's domain (else `[-1, 1]`) with `seed`.
    /// O((randomPoints + data rows) * parameters).
    public func certificate(original: Network, options: ExactCollapseOptions, randomPoints count: Int = 1000,
                            seed: UInt64 = 0, data: Matrix? = nil) throws(CondenseError) -> Certificate {
        guard count >= 0 else { throw .invalidArgument("the number of random points must be >= 0, not \(count)") }
        let box = domain ?? options.box(for: original)
            ?? InputBox(uniform: original.inputDomain ?? -1...1, width: original.inputWidth)
        let points = RandomPoints.uniform(count: count, box: box, seed: seed)
        return Certificate(
            mode: "exact", options: options, domain: domain, before: before, after: after,
            removedByRule: Dictionary(uniqueKeysWithValues: removedByRule.map { ($0.key.rawValue, $0.value) }),
            removed: fates, declinedFolds: declinedFolds, secondsByRule: secondsByRule, totalSeconds: totalSeconds,
            passes: passes, randomPointDomain: box,
            randomPoints: try OutputDeviation.measure(original: original, simplified: network, inputs: points),
            data: try data.map { (d) throws(CondenseError) in
                try OutputDeviation.measure(original: original, simplified: network, inputs: d)
            }, unprovenAtTimeLimit: unprovenAtTimeLimit)
    }
}
