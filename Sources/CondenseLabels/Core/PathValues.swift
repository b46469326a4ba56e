import CondenseCore

/// Exhaustive path values by dynamic programming over the DAG: the reference every
/// path labeling scheme is verified against.
///
/// Node indices of a ``LayeredDAG`` are a topological order (every edge goes to a later
/// layer), so one pass in index order solves the algebraic path problem from one source
/// in any ``Semiring``: O(V + E) per source.
public enum PathValues {
    /// The semiring value of every edge, aligned with `graph.outTargets`. O(E).
    public static func outEdgeValues<S: Semiring>(_ semiring: S.Type, _ graph: LayeredDAG) -> [Double] {
        graph.outWeights.map { S.edgeValue(weight: $0) }
    }

    /// The semiring value of every edge, aligned with `graph.inSources`. O(E).
    public static func inEdgeValues<S: Semiring>(_ semiring: S.Type, _ graph: LayeredDAG) -> [Double] {
        graph.inWeights.map { S.edgeValue(weight: $0) }
    }

    /// `values[v]` = semiring sum over all `source -> v` paths, for every node. O(V + E).
    public static func fromSource<S: Semiring>(
        _ semiring: S.Type, _ graph: LayeredDAG, edgeValues: [Double], source: Int
    ) -> [Double] {
        var values = [Double](repeating: S.zero, count: graph.nodeCount)
        propagate(S.self, graph, edgeValues: edgeValues, source: source, limit: graph.nodeCount, into: &values)
        return values
    }

    /// Push-style DP from `source` over nodes `source ..< limit`, writing `values[source ..< limit]`
    /// (entries outside are left alone). `edgeValues` is aligned with `outTargets`.
    /// O(nodes and edges in the range).
    static func propagate<S: Semiring>(
        _ semiring: S.Type, _ graph: LayeredDAG, edgeValues: [Double], source: Int, limit: Int,
        into values: inout [Double]
    ) {
        for v in source..<limit { values[v] = S.zero }
        values[source] = S.one
        for v in source..<limit {
            let x = values[v]
            if x == S.zero { continue }
            for e in graph.outEdges(v) {
                let t = Int(graph.outTargets[e])
                if t < limit { values[t] = S.plus(values[t], S.times(x, edgeValues[e])) }
            }
        }
    }
}
