import Foundation

/// Wall-clock and thread CPU time of a piece of work. CPU time is what the work itself
/// cost; wall time also counts waiting for a core when the machine is shared.
public struct Timing: Codable, Sendable, Hashable {
    public var wallSeconds: Double
    public var cpuSeconds: Double

    enum CodingKeys: String, CodingKey {
        case wallSeconds = "wall_seconds", cpuSeconds = "cpu_seconds"
    }

    public init(wallSeconds: Double, cpuSeconds: Double) {
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
    }

    /// Times `body` once and returns its result with the timing.
    public static func measure<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> (T, Timing) {
        let wall = ContinuousClock.now, cpu = threadCPUSeconds()
        let value = try body()
        let elapsed = ContinuousClock.now - wall
        let wallSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (value, Timing(wallSeconds: wallSeconds, cpuSeconds: threadCPUSeconds() - cpu))
    }

    /// The median (by CPU time) of `repeats` timings of `body`.
    public static func median<E: Error>(repeats: Int, _ body: () throws(E) -> Void) throws(E) -> Timing {
        var samples: [Timing] = []
        for _ in 0..<max(1, repeats) { samples.append(try measure(body).1) }
        let wall = samples.map(\.wallSeconds).sorted(), cpu = samples.map(\.cpuSeconds).sorted()
        return Timing(wallSeconds: wall[wall.count / 2], cpuSeconds: cpu[cpu.count / 2])
    }

    /// CPU time consumed by the calling thread. O(1).
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// The time per query over a sample of pairs.
public struct QueryTiming: Codable, Sendable, Hashable {
    public var queries: Int
    public var total: Timing
    public var nanosecondsPerQuery: Double
    public var cpuNanosecondsPerQuery: Double

    enum CodingKeys: String, CodingKey {
        case queries, total
        case nanosecondsPerQuery = "ns_per_query", cpuNanosecondsPerQuery = "cpu_ns_per_query"
    }

    /// Answers every pair of `pairs` with `scheme.query` and times the loop. O(pairs · query).
    public init<L: LabelingScheme>(_ scheme: L, pairs: PairSample) {
        self.init(count: pairs.count) {
            for i in 0..<pairs.count { blackHole(scheme.query(Int(pairs.sources[i]), Int(pairs.targets[i]))) }
        }
    }

    /// Times `body`, which answers `count` queries.
    init(count: Int, _ body: () -> Void) {
        let (_, timing) = Timing.measure(body)
        queries = count
        total = timing
        nanosecondsPerQuery = count > 0 ? timing.wallSeconds * 1e9 / Double(count) : 0
        cpuNanosecondsPerQuery = count > 0 ? timing.cpuSeconds * 1e9 / Double(count) : 0
    }
}

/// Keeps a value alive so the optimiser cannot drop the work that computed it.
@_optimize(none)
func blackHole<T>(_ value: T) {}
