import COpenBLAS

/// Control over the OpenBLAS thread pool behind the forward pass.
public enum BLASThreads {
    /// Pins OpenBLAS to `count` threads (1 for single-thread timings).
    public static func set(_ count: Int) { condense_blas_set_threads(Int32(max(1, count))) }

    /// The number of threads OpenBLAS uses now.
    public static var current: Int { Int(condense_blas_threads()) }

    /// Runs `body` with OpenBLAS pinned to `count` threads, then restores the previous count.
    public static func with<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        let previous = current
        set(count)
        defer { set(previous) }
        return try body()
    }
}
