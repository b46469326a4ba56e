/// Checks path answers against the exhaustive DP of ``PathValues``: one O(V + E) DP per
/// distinct source of the sample, so O(sources · (V + E)) in all.
public enum PathVerification {
    /// Compares `answer(u, v)` with the semiring value of all `u -> v` paths for every pair.
    public static func verify<S: Semiring>(
        _ semiring: S.Type, graph: LayeredDAG, pairs: PairSample, answer: (Int, Int) -> Double
    ) -> Verification {
        let edgeValues = PathValues.outEdgeValues(S.self, graph)
        let order = (0..<pairs.count).sorted { pairs.sources[$0] < pairs.sources[$1] }
        var values = [Double](repeating: S.zero, count: graph.nodeCount)
        var current = -1
        var mismatches = 0
        var errors: [Double] = []
        for i in order {
            let u = Int(pairs.sources[i]), v = Int(pairs.targets[i])
            if u != current {
                PathValues.propagate(S.self, graph, edgeValues: edgeValues, source: u, limit: graph.nodeCount, into: &values)
                current = u
            }
            // Nodes are in topological order: nothing before the source is reachable (the
            // DP leaves those entries from earlier sources).
            let (agree, error) = agreement(answer(u, v), v >= u ? values[v] : S.zero)
            if !agree { mismatches += 1 }
            errors.append(error)
        }
        return Verification(checked: pairs.count, mismatches: mismatches, reference: "dynamic programming over the DAG",
                            errors: errors)
    }
}
