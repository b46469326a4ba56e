/// The Boolean semiring `({0, 1}, or, and)` with edge value `w != 0`: the value of a pair
/// is 1 when `v` is reachable from `u`. Values are stored as `Double` 0/1 so every scheme
/// shares one element type; a label entry's presence is its value (0 value bits). O(1).
public enum BooleanSemiring: Semiring {
    public static let name = "boolean"
    public static let zero = 0.0
    public static let one = 1.0
    @inlinable public static func plus(_ a: Double, _ b: Double) -> Double { Swift.max(a, b) }
    @inlinable public static func times(_ a: Double, _ b: Double) -> Double { Swift.min(a, b) }
    @inlinable public static func edgeValue(weight: Float) -> Double { weight != 0 ? 1 : 0 }
    public static let isSelective = true
    public static var valueBits: Int { 0 }
}
