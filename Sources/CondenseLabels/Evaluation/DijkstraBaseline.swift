/// The "one Dijkstra per query" baseline: point-to-point Dijkstra on the reduced min-plus
/// lengths, timed over the same kind of random pairs the labels are timed on.
public enum DijkstraBaseline {
    /// Times `count` seeded random min-plus queries answered by one Dijkstra search each.
    /// O(count · (V + E) log V) in the worst case.
    public static func timing(graph: LayeredDAG, count: Int, seed: UInt64 = 1) -> QueryTiming {
        let pairs = PairSample.random(layerOffsets: graph.layerOffsets, count: count, domain: .anyPair, seed: seed)
        var dijkstra = Dijkstra<MinPlus>(graph: graph)
        return QueryTiming(count: pairs.count) {
            for i in 0..<pairs.count { blackHole(dijkstra.value(from: Int(pairs.sources[i]), to: Int(pairs.targets[i]))) }
        }
    }
}
