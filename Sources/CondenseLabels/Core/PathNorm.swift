/// The real semiring `(R, +, ×)` over `|w|`: the value of a pair is the path norm, the sum
/// over all paths of `∏|w|`, i.e. entry `[v, u]` of the product of the `|W|` matrices
/// (Neyshabur, Tomioka, Srebro, "Norm-based capacity control in neural networks", 2015).
/// O(1) per operation.
public enum PathNorm: Semiring {
    public static let name = "path-norm"
    public static let zero = SumTimes.zero
    public static let one = SumTimes.one
    @inlinable public static func plus(_ a: Double, _ b: Double) -> Double { SumTimes.plus(a, b) }
    @inlinable public static func times(_ a: Double, _ b: Double) -> Double { SumTimes.times(a, b) }
    @inlinable public static func edgeValue(weight: Float) -> Double { Double(Swift.abs(weight)) }
    public static let isSelective = false
}
