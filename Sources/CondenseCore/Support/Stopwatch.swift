import Foundation

/// Wall-clock timing for benchmarks: the median of repeated runs.
public enum Stopwatch {
    /// Seconds taken by `body`.
    public static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Median seconds over `repeats` runs of `body` (after one warm-up run when `warmUp`).
    public static func median(repeats: Int, warmUp: Bool = true, _ body: () throws -> Void) rethrows -> Double {
        if warmUp { try body() }
        var samples: [Double] = []
        for _ in 0..<max(1, repeats) { samples.append(try time(body)) }
        samples.sort()
        return samples[samples.count / 2]
    }
}

/// Seconds since it was made (wall clock), for jobs that report how long they took.
public struct Elapsed: Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds

    public init() {}

    public var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
