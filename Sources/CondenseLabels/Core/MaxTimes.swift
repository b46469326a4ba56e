/// The Viterbi semiring `([0, inf), max, ×)` with edge value `|w|`: the value of a pair is
/// the strongest path, the largest product of `|w|` along one path. Equals `exp(-d)` for the
/// ``MinPlus`` distance `d`. O(1) per operation.
public enum MaxTimes: Semiring {
    public static let name = "max-times"
    public static let zero = 0.0
    public static let one = 1.0
    @inlinable public static func plus(_ a: Double, _ b: Double) -> Double { Swift.max(a, b) }
    @inlinable public static func times(_ a: Double, _ b: Double) -> Double { a * b }
    @inlinable public static func edgeValue(weight: Float) -> Double { Double(Swift.abs(weight)) }
    public static let isSelective = true
}
