import CondenseCore
import CondenseLabels

/// Seeded uniform samples from an input box, for measuring output changes.
public enum RandomPoints {
    /// `count` rows of `width` values uniform in `domain` (24-bit resolution), from
    /// SplitMix64 with `seed`; negative sizes count as 0. O(count * width).
    public static func uniform(count: Int, width: Int, domain: ClosedRange<Float>, seed: UInt64) -> Matrix {
        let count = max(0, count), width = max(0, width)
        var rng = SplitMix64(seed: seed)
        let lo = domain.lowerBound, span = domain.upperBound - domain.lowerBound
        let values = (0..<(count * width)).map { _ in lo + span * Float(Double(rng.next() >> 40) * 0x1p-24) }
        return Matrix(rows: count, columns: width, values: values)
    }
}
