import CondenseCore

extension ReachabilityLabeling {
    /// Build parameters: the number of traversals and their seed.
    public struct BuildOptions: Sendable {
        public var traversals: Int
        public var seed: UInt64
        public init(traversals: Int = 3, seed: UInt64 = 1) {
            self.traversals = traversals
            self.seed = seed
        }
    }

    /// ``init(graph:traversals:seed:)`` on the input's DAG.
    public init(building input: LabelingInput, options: BuildOptions) throws(CondenseError) {
        try self.init(graph: input.graph, traversals: options.traversals, seed: options.seed)
    }

    /// Builds `traversals` interval labels by randomized post-order DFS over the augmented
    /// graph: roots in random order, each node's children from a random start and direction.
    /// O(d · (V + E)) time, iterative (no recursion depth limit).
    public init(graph: LayeredDAG, traversals: Int = 3, seed: UInt64 = 1) throws(CondenseError) {
        guard (1...64).contains(traversals) else {
            throw .invalidArgument("reachability labels need 1 to 64 traversals, got \(traversals)")
        }
        let n = graph.nodeCount + 2
        var low = [Int32](repeating: 0, count: n * traversals)
        var post = [Int32](repeating: 0, count: n * traversals)
        var rng = SplitMix64(seed: seed)
        let walk = AugmentedWalk(graph: graph)
        for t in 0..<traversals {
            walk.traverse(using: &rng) { v, lowRank, postRank in
                low[v * traversals + t] = lowRank
                post[v * traversals + t] = postRank
            }
        }
        self.traversals = traversals
        self.graph = graph
        self.low = low
        self.post = post
    }
}

/// Successor lists of the DAG augmented with a virtual source (node `V`, feeding the input
/// layer) and a virtual sink (node `V + 1`, fed by the output layer), without copying the CSR.
struct AugmentedWalk {
    let graph: LayeredDAG
    var source: Int { graph.nodeCount }
    var sink: Int { graph.nodeCount + 1 }
    var lastLayer: Int32 { Int32(graph.layerCount - 1) }

    /// Number of successors of `v`. O(1).
    func degree(_ v: Int) -> Int {
        if v == source { return graph.width(0) }
        if v == sink { return 0 }
        return graph.outDegree(v) + (graph.layerOfNode[v] == lastLayer ? 1 : 0)
    }

    /// The `i`-th successor of `v`. O(1).
    func successor(_ v: Int, _ i: Int) -> Int {
        if v == source { return i }
        let base = graph.outOffsets[v]
        return i < graph.outOffsets[v + 1] - base ? Int(graph.outTargets[base + i]) : sink
    }

    /// One randomized DFS over the whole augmented graph, reporting `(node, low, post)`
    /// for every node, ranks from 1. O(V + E).
    func traverse(using rng: inout SplitMix64, report: (Int, Int32, Int32) -> Void) {
        let n = graph.nodeCount + 2
        var visited = [Bool](repeating: false, count: n)
        var low = [Int32](repeating: .max, count: n)
        var rank: Int32 = 0
        var roots = [source] + (0..<graph.nodeCount).filter { graph.layerOfNode[$0] > 0 && graph.inDegree($0) == 0 }
        roots.shuffle(using: &rng)
        if !roots.contains(sink) && graph.layerCount > 0 { roots.append(sink) }
        // Stack frames: node, first child offset, step (±1), children visited so far.
        var stack: [(node: Int, start: Int, step: Int, done: Int)] = []
        for root in roots where !visited[root] {
            visited[root] = true
            stack.append((root, Int(rng.next() % UInt64(max(1, degree(root)))), rng.next() & 1 == 0 ? 1 : -1, 0))
            while let top = stack.last {
                let v = top.node, deg = degree(v)
                if top.done < deg {
                    stack[stack.count - 1].done += 1
                    let i = ((top.start + top.step * top.done) % deg + deg) % deg
                    let c = successor(v, i)
                    if visited[c] {
                        low[v] = min(low[v], low[c])
                    } else {
                        visited[c] = true
                        stack.append((c, Int(rng.next() % UInt64(max(1, degree(c)))), rng.next() & 1 == 0 ? 1 : -1, 0))
                    }
                    continue
                }
                stack.removeLast()
                rank += 1
                low[v] = min(low[v], rank)
                report(v, low[v], rank)
                if let parent = stack.last?.node { low[parent] = min(low[parent], low[v]) }
            }
        }
    }
}
