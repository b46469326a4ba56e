/// A limit on what one job may allocate, checked before the large allocations (random check
/// points, planted networks) so that an absurd request is refused in a moment with a clear
/// line instead of exhausting the machine. Sizes are computed with overflow checks. O(1).
public struct MemoryBudget: Sendable, Hashable {
    /// The limit in bytes (default 4 GB, the CLI's `--max-memory 4`).
    public var bytes: Int

    public init(bytes: Int = 4 << 30) { self.bytes = bytes }

    /// `count` values of `bytesEach` bytes, or `nil` when the product overflows.
    public static func size(_ counts: [Int], bytesEach: Int = 4) -> Int? {
        var total = bytesEach
        for c in counts {
            guard c >= 0 else { return nil }
            let (p, overflow) = total.multipliedReportingOverflow(by: c)
            if overflow { return nil }
            total = p
        }
        return total
    }

    /// Refuses when `size` bytes (nil: beyond any machine) exceed the budget; `what` and `hint` make the message.
    public func check(_ size: Int?, what: String, hint: String) throws(CondenseError) {
        guard let size, size <= bytes else {
            let needed = size.map { String(format: "%.1f GB", Double($0) / Double(1 << 30)) } ?? "more than any machine has"
            throw .invalidArgument("\(what) would need \(needed), over the memory budget of "
                                   + String(format: "%.1f GB", Double(bytes) / Double(1 << 30)) + "; \(hint)")
        }
    }
}
