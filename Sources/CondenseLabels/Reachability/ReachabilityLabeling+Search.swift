extension ReachabilityLabeling {
    /// Whether `v` is reachable from `u` (either may be ``source`` or ``sink``), exactly:
    /// the label test first, then GRAIL's depth-first search from `u` that never enters a
    /// node whose intervals exclude `v`. O(d) when the labels decide, O(d · (V + E)) worst case.
    public func reaches(_ u: Int, _ v: Int) -> Bool {
        var search = PrunedSearchState(nodeCount: nodeCount + 2)
        return reaches(u, v, &search)
    }

    /// Neurons with no path to any output (the virtual sink), in node order: label-only
    /// negatives, plus pruned searches for the rest. O(V · d) plus the searches.
    public func deadEnds() -> [Int] {
        var search = PrunedSearchState(nodeCount: nodeCount + 2)
        return (0..<nodeCount).filter { !reaches($0, sink, &search) }
    }

    /// Neurons no input reaches (from the virtual source), in node order: label-only
    /// negatives, plus pruned searches backwards from the neuron (towards the inputs, which
    /// ends as soon as one is met), skipping predecessors the source's intervals exclude.
    /// O(V · d) plus the searches.
    public func unreachable() -> [Int] {
        var search = PrunedSearchState(nodeCount: nodeCount + 2)
        let s = label(of: source)
        return (0..<nodeCount).filter { v in
            if let decided = Self.answer(s, label(of: v)) { return !decided }
            search.begin()
            search.visit(v)
            while let x = search.stack.popLast() {
                if graph.layerOfNode[x] == 0 { return false }
                for e in graph.inEdges(x) {
                    let c = Int(graph.inSources[e])
                    guard !search.isVisited(c), Self.contains(s, label(of: c)) else { continue }
                    search.visit(c)
                }
            }
            return true
        }
    }

    /// How many nodes the labels alone prove dead-ended or unreachable (no search). O(V · d).
    public func labelOnlyNegatives() -> (deadEnds: Int, unreachable: Int) {
        let s = label(of: source), t = label(of: sink)
        var dead = 0, orphan = 0
        for v in 0..<nodeCount {
            if Self.answer(label(of: v), t) == false { dead += 1 }
            if Self.answer(s, label(of: v)) == false { orphan += 1 }
        }
        return (dead, orphan)
    }

    /// The label test, then the pruned DFS with the reusable `search` state.
    func reaches(_ u: Int, _ v: Int, _ search: inout PrunedSearchState) -> Bool {
        let target = label(of: v)
        if let decided = Self.answer(label(of: u), target) { return decided }
        let walk = AugmentedWalk(graph: graph)
        search.begin()
        search.visit(u)
        while let x = search.stack.popLast() {
            for i in 0..<walk.degree(x) {
                let c = walk.successor(x, i)
                if c == v { return true }
                let candidate = label(of: c)
                guard !search.isVisited(c), candidate.layer < target.layer, Self.contains(candidate, target) else { continue }
                search.visit(c)
            }
        }
        return false
    }
}

/// Visited marks by generation stamp and the DFS stack, reused across searches so a search
/// costs what it visits, not O(V) to reset.
struct PrunedSearchState {
    private var stamp: [UInt32]
    private var generation: UInt32 = 0
    var stack: [Int] = []

    init(nodeCount: Int) { stamp = [UInt32](repeating: 0, count: nodeCount) }

    mutating func begin() {
        generation &+= 1
        if generation == 0 {
            for i in stamp.indices { stamp[i] = 0 }
            generation = 1
        }
        stack.removeAll(keepingCapacity: true)
    }

    func isVisited(_ v: Int) -> Bool { stamp[v] == generation }

    mutating func visit(_ v: Int) {
        stamp[v] = generation
        stack.append(v)
    }
}
