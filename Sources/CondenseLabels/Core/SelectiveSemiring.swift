import Foundation

/// A selective semiring whose values map monotonically to path *lengths* that add along a
/// path and are minimised over paths: the semirings Dijkstra-style schemes (pruned landmark
/// labeling, the Dijkstra baseline) work in. `value(length:)` inverts `length(_:)`.
public protocol SelectiveSemiring: Semiring {
    /// The additive length of a semiring value (`+inf` for zero).
    static func length(_ value: Double) -> Double
    /// The semiring value of a path length.
    static func value(length: Double) -> Double
}

extension MinPlus: SelectiveSemiring {
    @inlinable public static func length(_ value: Double) -> Double { value }
    @inlinable public static func value(length: Double) -> Double { length }
}

extension MaxTimes: SelectiveSemiring {
    /// `-ln v`, negative for strong edges (`v > 1`).
    @inlinable public static func length(_ value: Double) -> Double { value > 0 ? -Foundation.log(value) : .infinity }
    @inlinable public static func value(length: Double) -> Double { Foundation.exp(-length) }
}

extension BooleanSemiring: SelectiveSemiring {
    /// Every edge has length 0: a finite length means "reachable".
    @inlinable public static func length(_ value: Double) -> Double { value != 0 ? 0 : .infinity }
    @inlinable public static func value(length: Double) -> Double { length.isFinite ? 1 : 0 }
}
