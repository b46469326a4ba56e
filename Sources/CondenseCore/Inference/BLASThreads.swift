import COpenBLAS

/// Control over the OpenBLAS thread pool behind the forward pass.
public enum BLASThreads {
    /// Pins OpenBLAS to `count` threads (1 for single-thread timings).
    public static func set(_ count: Int) { condense_blas_set_threads(Int32(max(1, count))) }
}
