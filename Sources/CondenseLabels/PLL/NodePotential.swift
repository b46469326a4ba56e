import CondenseCore

/// Nonnegative reweighting of path lengths that may be negative (Johnson 1977): with a
/// potential `phi` such that `phi(t) <= phi(s) + l(s, t)` on every edge, the reduced lengths
/// `l'(s, t) = l(s, t) + phi(s) - phi(t)` are `>= 0`, and every path length changes by the
/// same `phi(source) - phi(target)`, so shortest paths are kept and Dijkstra applies.
///
/// The network is a DAG, so no Bellman–Ford is needed: `phi(v) = min(0, min_s phi(s) + l(s, v))`
/// (the distance from a virtual source joined to every node by a 0-length edge) is one DP
/// in topological order, O(V + E). Edge lengths `-ln|w|` are negative exactly where `|w| > 1`.
public struct NodePotential: Sendable {
    /// The potential of every node.
    public let phi: [Double]
    /// Reduced length of every edge, aligned with `outTargets`.
    public let reducedOut: [Double]
    /// Reduced length of every edge, aligned with `inSources`.
    public let reducedIn: [Double]

    /// Computes the potential for `S`'s lengths on `graph`. O(V + E).
    public init<S: SelectiveSemiring>(_ semiring: S.Type, _ graph: LayeredDAG) {
        var phi = [Double](repeating: 0, count: graph.nodeCount)
        let inLength = graph.inWeights.map { S.length(S.edgeValue(weight: $0)) }
        for v in 0..<graph.nodeCount {
            var best = 0.0
            for e in graph.inEdges(v) { best = min(best, phi[Int(graph.inSources[e])] + inLength[e]) }
            phi[v] = best
        }
        // Rounding can leave a reduced length a hair below zero; clamp so Dijkstra stays valid.
        var reducedIn = [Double](repeating: 0, count: graph.edgeCount)
        for v in 0..<graph.nodeCount {
            for e in graph.inEdges(v) { reducedIn[e] = max(0, inLength[e] + phi[Int(graph.inSources[e])] - phi[v]) }
        }
        var reducedOut = [Double](repeating: 0, count: graph.edgeCount)
        for s in 0..<graph.nodeCount {
            for e in graph.outEdges(s) {
                let t = Int(graph.outTargets[e])
                reducedOut[e] = max(0, S.length(S.edgeValue(weight: graph.outWeights[e])) + phi[s] - phi[t])
            }
        }
        self.reducedIn = reducedIn
        self.phi = phi
        self.reducedOut = reducedOut
    }

    /// The true length of a path whose reduced length is `reduced`. O(1).
    @inline(__always)
    public func trueLength(_ reduced: Double, from s: Int, to t: Int) -> Double { reduced - phi[s] + phi[t] }
}
