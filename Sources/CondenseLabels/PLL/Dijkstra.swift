import CondenseCore

/// Point-to-point Dijkstra on the reduced lengths of a ``NodePotential``: the "one search
/// per query" baseline pruned landmark labeling is measured against, and an exhaustive
/// reference for it. Reusable scratch buffers; O((V + E) log V) per query in the worst case,
/// less when the target is settled early.
public struct Dijkstra<S: SelectiveSemiring>: Sendable {
    let graph: LayeredDAG
    let potential: NodePotential
    private var distance: [Double]
    private var touched: [Int32] = []
    private var heap = MinHeap()

    /// Prepares the searches on `graph`: O(V + E) for the potential.
    public init(graph: LayeredDAG) {
        self.graph = graph
        potential = NodePotential(S.self, graph)
        distance = [Double](repeating: .infinity, count: graph.nodeCount)
    }

    /// The semiring value of the best `source -> target` path (``Semiring/zero`` if none).
    public mutating func value(from source: Int, to target: Int) -> Double {
        let reduced = search(from: source, to: target)
        return S.value(length: reduced.isFinite ? potential.trueLength(reduced, from: source, to: target) : .infinity)
    }

    /// Reduced distance from `source` to `target`, stopping once `target` is settled.
    private mutating func search(from source: Int, to target: Int) -> Double {
        defer {
            for v in touched { distance[Int(v)] = .infinity }
            touched.removeAll(keepingCapacity: true)
            heap.removeAll()
        }
        distance[source] = 0
        touched.append(Int32(source))
        heap.push(0, Int32(source))
        let targetLayer = graph.layerOfNode[target]
        while !heap.isEmpty {
            let (d, node) = heap.pop()
            let v = Int(node)
            if d > distance[v] { continue }
            if v == target { return d }
            for e in graph.outEdges(v) {
                let t = Int(graph.outTargets[e])
                // Layers only grow along a path: nodes past the target's layer cannot lead to it.
                if graph.layerOfNode[t] > targetLayer { continue }
                let nd = d + potential.reducedOut[e]
                if nd < distance[t] {
                    if distance[t] == .infinity { touched.append(Int32(t)) }
                    distance[t] = nd
                    heap.push(nd, Int32(t))
                }
            }
        }
        return .infinity
    }
}
