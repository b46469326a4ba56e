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

/// The OpenBLAS kernels in use, and the choice Condense makes when OpenBLAS does not
/// recognise the processor.
///
/// OpenBLAS built with `DYNAMIC_ARCH` (Debian's) picks its kernels from the CPU model. On
/// virtual machines that report a generic model it falls back to `Prescott` (SSE3), which
/// runs `sgemm` 3 to 5 times slower than the AVX2 or AVX-512 kernels the processor has. The
/// choice is made when the library loads, so it can only be changed for a new process:
/// ``preferredCoreType(flags:current:)`` says which `OPENBLAS_CORETYPE` fits the CPU flags,
/// and the CLI re-executes itself once with it (unless `OPENBLAS_CORETYPE` is already set,
/// or `CONDENSE_BLAS_AUTODETECT=0`).
public enum BLASCore {
    /// The kernel family OpenBLAS uses now.
    public static var current: String { String(cString: condense_blas_core_name()) }

    /// The core type to ask OpenBLAS for, given the CPU flags of `/proc/cpuinfo`, when it
    /// chose a generic one (`Prescott`, `Core2`, `Katmai`, `Nehalem`...) on a processor with
    /// AVX2 and FMA (`Haswell`) or AVX-512 (`SkylakeX`); `nil` when its choice stands. O(flags).
    public static func preferredCoreType(flags: Set<Substring>, current: String) -> String? {
        let generic: Set<String> = ["Prescott", "Core2", "Katmai", "Coppermine", "Northwood", "Penryn", "Dunnington", "Nehalem", "Atom"]
        guard generic.contains(current) else { return nil }
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx2", "fma"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The flags of the first processor in `/proc/cpuinfo` (empty elsewhere).
    public static func cpuFlags() -> Set<Substring> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }
}
