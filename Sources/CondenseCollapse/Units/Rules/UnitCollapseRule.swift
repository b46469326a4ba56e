import CondenseCore

/// One rule of exact unit collapse on the whole graph: it finds units (conv channels or
/// neurons) whose removal, with the compensation it records in the context's
/// ``CondenseGraph/UnitReduction``, leaves every output unchanged on the domain.
protocol UnitCollapseRule: Sendable {
    var rule: UnitFate.Rule { get }
    /// Records removals in `context`; returns how many units (groups) it removed.
    func apply(to context: inout UnitCollapseContext) throws(CondenseError) -> Int
}
