import CondenseCore

extension ReachabilityLabeling: LabelExporting {
    public var className: String { "reachability" }
    public func address(of v: Int) -> NeuronID { graph.neuron(v) }

    /// One part per traversal, `interval <i>` with keys `low` and `post`.
    public func record(of v: Int) -> LabelRecord {
        let parts = intervals(of: v).enumerated().map { i, interval in
            LabelPart(name: "interval \(i)", keys: ["low", "post"], values: interval.map(Double.init))
        }
        return LabelRecord(layer: Int(graph.layerOfNode[v]), entries: entries(of: v), bits: bits(of: v), parts: parts)
    }

    /// `live`, `dead_end` (reaches no output), `unreachable` (no input reaches it) or both.
    /// Exact: ``deadEnds()`` and ``unreachable()``.
    public func labelClasses() -> [LabelClass?] {
        let dead = Set(deadEnds()), orphans = Set(unreachable())
        return (0..<nodeCount).map { v in
            switch (dead.contains(v), orphans.contains(v)) {
            case (false, false): return .category("live")
            case (true, false): return .category("dead_end")
            case (false, true): return .category("unreachable")
            case (true, true): return .category("dead_end+unreachable")
            }
        }
    }
}
