/// The real semiring `(R, +, ×)` with the signed weight as edge value: the value of a pair
/// `(u, v)` is the sum over all paths of the product of their weights, i.e. entry `[v, u]`
/// of the product of the weight matrices (the network's linearisation with every
/// activation replaced by the identity). O(1) per operation.
public enum SumTimes: Semiring {
    public static let name = "sum-times"
    public static let zero = 0.0
    public static let one = 1.0
    @inlinable public static func plus(_ a: Double, _ b: Double) -> Double { a + b }
    @inlinable public static func times(_ a: Double, _ b: Double) -> Double { a * b }
    @inlinable public static func edgeValue(weight: Float) -> Double { Double(weight) }
    public static let isSelective = false
}
