import CondenseCore

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

    /// `count` rows uniform in `box`, side by side (24-bit resolution, SplitMix64 with `seed`). O(count * width).
    public static func uniform(count: Int, box: InputBox, seed: UInt64) -> Matrix {
        if let range = box.uniformRange { return uniform(count: count, width: box.width, domain: range, seed: seed) }
        let count = max(0, count), width = box.width
        var rng = SplitMix64(seed: seed)
        var values = [Float](repeating: 0, count: count * width)
        for r in 0..<count {
            for j in 0..<width {
                let u = Float(Double(rng.next() >> 40) * 0x1p-24)
                values[r * width + j] = box.lower[j] + (box.upper[j] - box.lower[j]) * u
            }
        }
        return Matrix(rows: count, columns: width, values: values)
    }
}
