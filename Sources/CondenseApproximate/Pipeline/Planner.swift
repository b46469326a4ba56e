import CondenseCore

/// Turns a total removal count into a reduction: allocation over the layers (priorities
/// computed once) and the method's run, with results cached per count for target searches.
struct Planner {
    let method: any ReductionMethod
    let allocation: RemovalAllocation
    let base: Network
    let calibration: CalibrationData?
    private var priorities: [[Double]]?
    private var cache: [Int: Reduction] = [:]

    init(method: any ReductionMethod, allocation: RemovalAllocation, base: Network, calibration: CalibrationData?) {
        self.method = method
        self.allocation = allocation
        self.base = base
        self.calibration = calibration
    }

    /// The most neurons that can be removed from the base network.
    var maximum: Int { RemovalAllocation.maximumRemovable(from: base) }

    /// The per-layer counts for `total`, then the method's reduction. O(one reduction).
    mutating func reduce(_ total: Int) throws(CondenseError) -> Reduction {
        if let cached = cache[total] { return cached }
        if allocation == .global && priorities == nil && total > 0 {
            priorities = try method.priorities(of: base, calibration: calibration)
        }
        let known = priorities ?? []
        let counts = try allocation.counts(removing: total, from: base) { () throws(CondenseError) in known }
        let reduction = try method.reduce(base, removing: counts, calibration: calibration)
        cache[total] = reduction
        return reduction
    }

    /// The largest count whose `measure` is at most `limit`, by binary search (the measure
    /// grows with the count, up to noise). O(log V) reductions; every probe is recorded.
    mutating func largest(within limit: Double, probes: inout [ApproximateResult.SearchProbe],
                          measure: (Reduction) throws(CondenseError) -> Double) throws(CondenseError) -> Int {
        var lo = 0, hi = maximum
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            let value = try measure(try reduce(mid))
            let accepted = value <= limit + 1e-9 * max(1, abs(limit))
            probes.append(.init(removed: mid, value: value, accepted: accepted))
            if accepted { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
