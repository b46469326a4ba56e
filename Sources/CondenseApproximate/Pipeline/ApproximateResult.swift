import CondenseCollapse
import CondenseCore

/// What approximate collapse produced, with its bound next to the measured change.
/// Codable with stable snake_case keys for `condense simplify --mode approx --json`.
public struct ApproximateResult: Sendable, Encodable {
    /// The simplified network.
    public var network: Network
    public var method: String
    public var allocation: RemovalAllocation
    public var target: String
    /// Every removed neuron (exact and approximate), original addresses, in order.
    public var fates: [NeuronFate]
    /// `survivors[l]`: original indices of the simplified network's neurons of layer `l`.
    public var survivors: [[Int]]
    public var before: NetworkCounts
    public var after: NetworkCounts
    /// Hidden neurons removed by exact collapse (function unchanged on the domain).
    public var exactRemoved: Int
    /// Hidden neurons removed by the approximate method, per layer of the network.
    public var approximateRemovedPerLayer: [Int]
    /// The input box of the domain bound and of the random points.
    public var domain: InputBox?
    /// Sound bounds on the output change.
    public var bound: OutputChangeBound
    /// Sum of the per-merge bounds (a bound by itself only for merges by scale, no re-fit).
    public var mergeBoundSum: OutputChangeBound
    /// Measured output change against the original network on random points of the box.
    public var randomPoints: OutputDeviation?
    /// Measured output change against the original network on the calibration data.
    public var calibrationChange: OutputDeviation?
    /// Accuracy on the labelled calibration data before and after (fractions in [0, 1]).
    public var calibrationAccuracyBefore: Double?
    public var calibrationAccuracyAfter: Double?
    /// Removal counts tried by a target search and whether each met the target.
    public var search: [SearchProbe]
    public var secondsExact: Double
    public var secondsReduction: Double
    public var secondsBound: Double
    public var totalSeconds: Double

    /// One step of the search for the largest removal that meets an accuracy or bound target.
    public struct SearchProbe: Sendable, Codable, Hashable {
        public var removed: Int
        /// The accuracy drop in points or the bound, what the target limits.
        public var value: Double
        public var accepted: Bool
    }

    /// Number of removed neurons per rule name (every rule present, zero included).
    public var removedByRule: [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: NeuronFate.Rule.allCases.map { ($0.rawValue, 0) })
        for fate in fates { counts[fate.rule.rawValue, default: 0] += 1 }
        return counts
    }

    enum CodingKeys: String, CodingKey {
        case method, allocation, target, before, after, domain, bound, search, survivors
        case removed
        case removedByRule = "removed_by_rule"
        case exactRemoved = "exact_removed"
        case approximateRemovedPerLayer = "approximate_removed_per_layer"
        case mergeBoundSum = "merge_bound_sum"
        case randomPoints = "random_points"
        case calibrationChange = "calibration_change"
        case calibrationAccuracyBefore = "calibration_accuracy_before"
        case calibrationAccuracyAfter = "calibration_accuracy_after"
        case secondsExact = "seconds_exact"
        case secondsReduction = "seconds_reduction"
        case secondsBound = "seconds_bound"
        case totalSeconds = "total_seconds"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(method, forKey: .method)
        try c.encode(allocation, forKey: .allocation)
        try c.encode(target, forKey: .target)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        try c.encodeIfPresent(domain, forKey: .domain)
        try c.encode(bound, forKey: .bound)
        try c.encode(mergeBoundSum, forKey: .mergeBoundSum)
        try c.encode(search, forKey: .search)
        try c.encode(survivors, forKey: .survivors)
        try c.encode(fates, forKey: .removed)
        try c.encode(removedByRule, forKey: .removedByRule)
        try c.encode(exactRemoved, forKey: .exactRemoved)
        try c.encode(approximateRemovedPerLayer, forKey: .approximateRemovedPerLayer)
        try c.encodeIfPresent(randomPoints, forKey: .randomPoints)
        try c.encodeIfPresent(calibrationChange, forKey: .calibrationChange)
        try c.encodeIfPresent(calibrationAccuracyBefore, forKey: .calibrationAccuracyBefore)
        try c.encodeIfPresent(calibrationAccuracyAfter, forKey: .calibrationAccuracyAfter)
        try c.encode(secondsExact, forKey: .secondsExact)
        try c.encode(secondsReduction, forKey: .secondsReduction)
        try c.encode(secondsBound, forKey: .secondsBound)
        try c.encode(totalSeconds, forKey: .totalSeconds)
    }
}
