/// Reachability labels for sparse (pruned) networks: GRAIL interval labels (Yildirim,
/// Chaoji, Zaki, "GRAIL: scalable reachability index for large graphs", VLDB 2010).
///
/// The graph is augmented with a virtual source `S` feeding every input and a virtual sink
/// `T` fed by every output. Each of `d` randomized depth-first traversals gives every node
/// an interval `[low, post]`: its post-order rank and the lowest rank below it. If `u`
/// reaches `v` then `v`'s interval lies inside `u`'s in every traversal, so a failed
/// containment (or a later-or-equal layer) proves "no path" from the two labels alone,
/// O(d). Otherwise the exact answer comes from a depth-first search that skips every node
/// whose interval excludes the target (GRAIL's pruned DFS, exact); ``reaches(_:_:)``.
///
/// Neurons that reach no output (`!reaches(v, T)`) and that no input reaches
/// (`!reaches(S, v)`) are found from these labels: ``deadEnds()`` and ``unreachable()``.
public struct ReachabilityLabeling: LabelingScheme {
    public static var schemeName: String { "reachability" }
    public static var pairDomain: PairDomain { .anyPair }

    /// Number of traversals `d` (intervals per label).
    public let traversals: Int
    /// The DAG, kept for the exact fallback search.
    public let graph: LayeredDAG
    /// Intervals of node `v` (`S` is node `V`, `T` node `V + 1`): `low[v * d + i]`, `post[v * d + i]`.
    let low: [Int32]
    let post: [Int32]

    public var nodeCount: Int { graph.nodeCount }
    /// The virtual source and sink.
    public var source: Int { graph.nodeCount }
    public var sink: Int { graph.nodeCount + 1 }

    /// One node's label: its layer and its `d` intervals.
    public struct Label: Sendable {
        public let node: Int32
        /// Layer (−1 for the virtual source, the layer count for the virtual sink).
        public let layer: Int32
        let low: ArraySlice<Int32>
        let post: ArraySlice<Int32>
    }

    public func label(of v: Int) -> Label {
        let d = traversals
        let layer: Int32 = v < graph.nodeCount ? graph.layerOfNode[v] : (v == source ? -1 : Int32(graph.layerCount))
        return Label(node: Int32(v), layer: layer, low: low[(v * d)..<((v + 1) * d)], post: post[(v * d)..<((v + 1) * d)])
    }

    /// `false` when the labels prove there is no path, `true` for a node and itself, nil when
    /// only the fallback search can tell. O(d).
    public static func answer(_ source: Label, _ target: Label) -> Bool? {
        if source.node == target.node { return true }
        if source.layer >= target.layer { return false }
        return contains(source, target) ? nil : false
    }

    /// Whether every interval of `target` lies inside the matching interval of `source`. O(d).
    @inline(__always)
    static func contains(_ source: Label, _ target: Label) -> Bool {
        var i = source.low.startIndex, j = target.low.startIndex
        while i < source.low.endIndex {
            if target.low[j] < source.low[i] || target.post[j] > source.post[i] { return false }
            i += 1
            j += 1
        }
        return true
    }

    public func entries(of v: Int) -> Int { traversals }

    /// Bits: `d` intervals of two ranks (⌈log2 (V + 2)⌉ bits each) and the layer.
    public func bits(of v: Int) -> Int {
        2 * traversals * bitsToIndex(nodeCount + 2) + bitsToIndex(graph.layerCount + 2)
    }

    /// The `[low, post]` intervals of `v`.
    public func intervals(of v: Int) -> [[Int]] {
        (0..<traversals).map { [Int(low[v * traversals + $0]), Int(post[v * traversals + $0])] }
    }
}
