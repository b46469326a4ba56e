import Foundation

/// The tropical semiring `(R ∪ {+inf}, min, +)` with edge length `-ln|w|`: the value of a
/// pair is the shortest path length, i.e. minus the log of the strongest path's `∏|w|`.
/// Lengths are negative where `|w| > 1`: the labeling schemes sweep the DAG in layer order
/// and need no care, the Dijkstra baseline reweights them with a ``NodePotential``.
/// O(1) per operation.
public enum MinPlus: Semiring {
    public static let name = "min-plus"
    public static let zero = Double.infinity
    public static let one = 0.0
    @inlinable public static func plus(_ a: Double, _ b: Double) -> Double { Swift.min(a, b) }
    @inlinable public static func times(_ a: Double, _ b: Double) -> Double { a + b }
    @inlinable public static func edgeValue(weight: Float) -> Double {
        weight == 0 ? .infinity : -Foundation.log(Double(Swift.abs(weight)))
    }
    public static let isSelective = true
}
