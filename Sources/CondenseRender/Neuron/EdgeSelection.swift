import CondenseCore

/// The edges a drawing shows, as parallel arrays of global unit indices and weights
/// (``NeuronGraph`` numbering), with a sentence for the legend.
///
/// Top-k per neuron keeps, for each target, its `k` incoming edges of largest |w| using
/// a size-k min-heap: O(E log k). A budget of N edges finds the largest `k` with
/// `sum_v min(k, indeg v) <= N` by binary search over `k` (O(V log maxdeg)), then runs
/// top-k; when even `k = 1` exceeds the budget it keeps the N strongest edges overall
/// (a sort: O(E log E)). A threshold is one O(E) pass.
public struct EdgeSelection: Sendable {
    /// Source and target unit (global index) and weight of each drawn edge.
    public private(set) var sources: [Int32] = []
    public private(set) var targets: [Int32] = []
    public private(set) var weights: [Float] = []
    /// Edges in the graph (the candidates).
    public let totalCount: Int
    /// The rule actually applied (a budget resolves to `topK` or a threshold).
    public let applied: EdgeThinning

    /// Edges drawn.
    public var count: Int { sources.count }

    /// Selects edges of `graph` whose source is at least `minimumSource` (a global unit
    /// index; pass the first hidden unit to leave out the input layer's edges).
    public init(graph: NeuronGraph, thinning: EdgeThinning, minimumSource: Int = 0) {
        let rows = Rows(graph: graph, minimumSource: minimumSource)
        let candidates = Array(0..<graph.nodeCount)
        totalCount = candidates.reduce(0) { $0 + rows[$1].count }
        let resolved = Self.resolve(thinning, rows: rows, graph: graph, targets: candidates, total: totalCount)
        applied = resolved
        switch resolved {
        case .all:
            for v in candidates { for e in rows[v] { append(graph, v, e) } }
        case .threshold(let t):
            for v in candidates { for e in rows[v] where abs(graph.inWeights[e]) >= t { append(graph, v, e) } }
        case .topK(let k):
            var heap = TopKHeap(capacity: max(k, 0))
            for v in candidates {
                let range = rows[v]
                if range.count <= k {
                    for e in range { append(graph, v, e) }
                    continue
                }
                heap.removeAll()
                for e in range { heap.offer(index: e, key: abs(graph.inWeights[e])) }
                for e in heap.indices.sorted() { append(graph, v, e) }
            }
        case .maxEdges:
            break  // resolved above
        }
    }

    private mutating func append(_ graph: NeuronGraph, _ target: Int, _ e: Int) {
        sources.append(graph.inSources[e])
        targets.append(Int32(target))
        weights.append(graph.inWeights[e])
    }

    /// Turns a budget into top-k or a global threshold. O(V log maxdeg), or O(E log E)
    /// when the budget is below one edge per neuron.
    private static func resolve(_ thinning: EdgeThinning, rows: Rows, graph: NeuronGraph, targets: [Int], total: Int)
        -> EdgeThinning
    {
        guard case .maxEdges(let budget) = thinning else { return thinning }
        if total <= budget { return .all }
        let degrees = targets.map { rows[$0].count }
        func kept(_ k: Int) -> Int { degrees.reduce(0) { $0 + min($1, k) } }
        var lo = 0, hi = degrees.max() ?? 0
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if kept(mid) <= budget { lo = mid } else { hi = mid - 1 }
        }
        if lo >= 1 { return .topK(lo) }
        var magnitudes: [Float] = []
        magnitudes.reserveCapacity(total)
        for v in targets { for e in rows[v] { magnitudes.append(abs(graph.inWeights[e])) } }
        magnitudes.sort(by: >)
        guard budget > 0 else { return .threshold(.infinity) }
        // Keep |w| >= the budget-th largest, unless ties at that value would overshoot.
        let t = magnitudes[min(budget, magnitudes.count) - 1]
        return .threshold(budget < magnitudes.count && magnitudes[budget] == t ? t.nextUp : t)
    }

    /// The legend's sentence: "29,930 of 266,200 edges: top 73 inputs per neuron by |w|".
    public var summary: String {
        let shown = "\(Count.format(count)) of \(Count.format(totalCount)) edges"
        switch applied {
        case .all, .maxEdges: return "all \(Count.format(totalCount)) edges"
        case .topK(let k): return "\(shown): top \(k) inputs per neuron by |w|"
        case .threshold(let t):
            return t.isFinite ? "\(shown): |w| >= \(Count.decimal(Double(t)))" : "no edges (budget 0)"
        }
    }
}

/// The incoming edges of each node whose source is at least `minimumSource`: a suffix of
/// the node's CSR row, since rows list sources in increasing order. O(log degree) per row.
struct Rows {
    let graph: NeuronGraph
    let minimumSource: Int

    subscript(_ v: Int) -> Range<Int> {
        let row = graph.inEdges(v)
        guard minimumSource > 0 else { return row }
        var lo = row.lowerBound, hi = row.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(graph.inSources[mid]) < minimumSource { lo = mid + 1 } else { hi = mid }
        }
        return lo..<row.upperBound
    }
}

/// A min-heap of (key, index) keeping the `capacity` largest keys offered. O(log k) per offer.
struct TopKHeap {
    let capacity: Int
    private(set) var keys: [Float] = []
    private(set) var indices: [Int] = []

    init(capacity: Int) {
        self.capacity = capacity
        keys.reserveCapacity(capacity)
        indices.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
    }

    mutating func offer(index: Int, key: Float) {
        guard capacity > 0 else { return }
        if keys.count < capacity {
            keys.append(key)
            indices.append(index)
            siftUp(keys.count - 1)
        } else if key > keys[0] {
            keys[0] = key
            indices[0] = index
            siftDown(0)
        }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard keys[child] < keys[parent] else { return }
            keys.swapAt(child, parent)
            indices.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < keys.count, keys[left] < keys[smallest] { smallest = left }
            if right < keys.count, keys[right] < keys[smallest] { smallest = right }
            guard smallest != parent else { return }
            keys.swapAt(parent, smallest)
            indices.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
