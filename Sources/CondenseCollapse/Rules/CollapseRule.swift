import CondenseCore

/// One rule of exact collapse: it finds neurons whose removal leaves the network's
/// function unchanged (on the input domain, for the stability rule), removes them,
/// compensates downstream, and records a ``NeuronFate`` for each.
protocol CollapseRule: Sendable {
    /// Name in timings and reports.
    var name: String { get }
    /// Applies the rule once to every hidden layer; returns how many neurons it removed.
    func apply(to state: inout CollapseState) throws(CondenseError) -> Int
}
