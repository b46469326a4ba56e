import CondenseCore

/// The tree of separator layers a hub labeling is organised by.
///
/// A layer `h` is a *cut layer* when no edge jumps over it (no edge from a layer `< h` into a
/// layer `> h`): then every path from a layer before `h` to a layer after `h` visits exactly
/// one node of `h`, so `h` separates them in every semiring. Without skip connections every
/// layer is a cut layer; a skip connection from `s` to `t` removes the layers strictly
/// between them.
///
/// The tree splits the layer interval `[0, L)` recursively at its narrowest cut layer
/// (ties: the one nearest the middle, for balance); an interval without a cut layer is a
/// leaf *segment*. The *chain* of a layer lists the separators of the tree nodes that contain
/// it, root first. For layers `a < b`, the first separator `h` in the chain of `a` with
/// `a <= h <= b` separates them; if there is none, `a` and `b` share a leaf segment.
/// Building it takes O(E + L^2).
public struct SeparatorTree: Sendable {
    /// Whether layer `l` is a cut layer.
    public let isCut: [Bool]
    /// Separator layers of the tree nodes containing each layer, root first.
    public let chains: [[Int]]
    /// The leaf segment of each layer that is no separator (nil for separators).
    public let segments: [ClosedRange<Int>?]
    /// The interval of the tree node each separator splits (nil for other layers).
    public let intervals: [ClosedRange<Int>?]

    /// Whether some edge jumps over a layer (a skip connection with nonzero weights).
    public var hasSkipConnections: Bool { isCut.contains(false) }

    /// Builds the tree for `graph`'s layers. O(E + L^2).
    public init(_ graph: LayeredDAG) {
        let layerCount = graph.layerCount
        var reach = [Int](repeating: 0, count: layerCount)
        for l in 0..<layerCount { reach[l] = l }
        for v in 0..<graph.nodeCount {
            let l = Int(graph.layerOfNode[v])
            for e in graph.outEdges(v) {
                reach[l] = max(reach[l], Int(graph.layerOfNode[Int(graph.outTargets[e])]))
            }
        }
        var cut = [Bool](repeating: true, count: layerCount)
        var spanned = -1
        for l in 0..<layerCount {
            if spanned > l { cut[l] = false }
            spanned = max(spanned, reach[l])
        }
        let widths = (0..<layerCount).map { graph.layerOffsets[$0 + 1] - graph.layerOffsets[$0] }
        var chains = [[Int]](repeating: [], count: layerCount)
        var segments = [ClosedRange<Int>?](repeating: nil, count: layerCount)
        var intervals = [ClosedRange<Int>?](repeating: nil, count: layerCount)
        var stack: [(ClosedRange<Int>, [Int])] = layerCount > 0 ? [(0...(layerCount - 1), [])] : []
        while let (range, prefix) = stack.popLast() {
            let middle = Double(range.lowerBound + range.upperBound) / 2
            let best = range.filter { cut[$0] }.min {
                (widths[$0], abs(Double($0) - middle)) < (widths[$1], abs(Double($1) - middle))
            }
            guard let h = best else {
                for l in range {
                    chains[l] = prefix
                    segments[l] = range
                }
                continue
            }
            let chain = prefix + [h]
            chains[h] = chain
            intervals[h] = range
            if h > range.lowerBound { stack.append((range.lowerBound...(h - 1), chain)) }
            if h < range.upperBound { stack.append(((h + 1)...range.upperBound, chain)) }
        }
        isCut = cut
        self.chains = chains
        self.segments = segments
        self.intervals = intervals
    }
}
