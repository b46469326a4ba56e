import CondenseCore

extension HubLabeling {
    /// ``init(graph:)`` on the input's DAG.
    public init(building input: LabelingInput, options: NoBuildOptions) { self.init(graph: input.graph) }

    /// Builds the labels of every node of `graph`.
    ///
    /// For every separator `h` with tree interval `[lo, hi]`, one backward DP gives the
    /// values from each node of layers `[lo, h)` to the nodes of `h`, and one forward DP the
    /// values from `h` to each node of `(h, hi]`. Each node's values are a sparse vector
    /// (only the hubs it reaches), combined from its neighbours' vectors with a sparse
    /// accumulator, so wide sparse layers cost what they reach, not `w_h` per node:
    /// O(Σ_h Σ_edges |vector of the edge's far end|) ≤ O(Σ_h w_h · E(interval of h)).
    /// Segment nodes run one DP each inside their segment. Memory: the stored entries.
    public init(graph: LayeredDAG) {
        let tree = SeparatorTree(graph)
        let offsets = graph.layerOffsets
        let outValues = PathValues.outEdgeValues(S.self, graph)
        let inValues = PathValues.inEdgeValues(S.self, graph)
        var toHub = [SparseRows](repeating: SparseRows(first: 0, count: 0), count: graph.layerCount)
        var fromHub = toHub
        for h in 0..<graph.layerCount {
            guard let interval = tree.intervals[h] else { continue }
            toHub[h] = Self.valuesToLayer(h, from: offsets[interval.lowerBound], graph, outValues)
            fromHub[h] = Self.valuesFromLayer(h, to: offsets[interval.upperBound + 1], graph, inValues)
        }

        var chainOffsets = [0]
        var chainLayers: [Int32] = []
        for chain in tree.chains {
            chainLayers.append(contentsOf: chain.map(Int32.init))
            chainOffsets.append(chainLayers.count)
        }
        var partStart = [0]
        var partOffsets = [0]
        var entryNode: [Int32] = []
        var entryValue: [Double] = []
        var scratch = [Double](repeating: S.zero, count: graph.nodeCount)
        func append(_ node: Int, _ value: Double) {
            if value != S.zero {
                entryNode.append(Int32(node))
                entryValue.append(value)
            }
        }
        for v in 0..<graph.nodeCount {
            let l = Int(graph.layerOfNode[v])
            for h in tree.chains[l] {
                if h == l {
                    append(v, S.one)
                } else {
                    let rows = h > l ? toHub[h] : fromHub[h]
                    for i in rows.range(of: v) { append(Int(rows.nodes[i]), rows.values[i]) }
                }
                partOffsets.append(entryNode.count)
            }
            if let segment = tree.segments[l] {
                let limit = offsets[segment.upperBound + 1]
                PathValues.propagate(S.self, graph, edgeValues: outValues, source: v, limit: limit, into: &scratch)
                for t in offsets[l + 1]..<limit { append(t, scratch[t]) }
                partOffsets.append(entryNode.count)
            }
            partStart.append(partOffsets.count - 1)
        }
        self.tree = tree
        self.layerOffsets = offsets
        storage = HubStorage(layerOfNode: graph.layerOfNode, chainOffsets: chainOffsets, chainLayers: chainLayers,
                             partStart: partStart, partOffsets: partOffsets, entryNode: entryNode, entryValue: entryValue)
    }

    /// For each node `u` of `first ..< offsets[h]`, the values from `u` to the nodes of layer
    /// `h` it reaches: a backward DP in reverse topological order.
    static func valuesToLayer(_ h: Int, from first: Int, _ graph: LayeredDAG, _ outValues: [Double]) -> SparseRows {
        let hubStart = graph.layerOffsets[h], hubEnd = graph.layerOffsets[h + 1]
        var rows = SparseRows(first: first, count: hubStart - first)
        var accumulator = SparseAccumulator<S>(width: hubEnd - hubStart)
        for u in stride(from: hubStart - 1, through: first, by: -1) {
            for e in graph.outEdges(u) {
                let t = Int(graph.outTargets[e])
                if t >= hubStart {
                    if t < hubEnd { accumulator.add(t - hubStart, outValues[e]) }
                } else {
                    for i in rows.range(of: t) { accumulator.add(Int(rows.nodes[i]) - hubStart, S.times(outValues[e], rows.values[i])) }
                }
            }
            accumulator.flush(into: &rows, row: u, offset: hubStart)
        }
        return rows
    }

    /// For each node `v` of `offsets[h + 1] ..< end`, the values from the nodes of layer `h`
    /// that reach `v`: a forward DP in topological order.
    static func valuesFromLayer(_ h: Int, to end: Int, _ graph: LayeredDAG, _ inValues: [Double]) -> SparseRows {
        let hubStart = graph.layerOffsets[h], first = graph.layerOffsets[h + 1]
        var rows = SparseRows(first: first, count: end - first)
        var accumulator = SparseAccumulator<S>(width: first - hubStart)
        for v in first..<end {
            for e in graph.inEdges(v) {
                let s = Int(graph.inSources[e])
                if s >= first {
                    for i in rows.range(of: s) { accumulator.add(Int(rows.nodes[i]) - hubStart, S.times(inValues[e], rows.values[i])) }
                } else if s >= hubStart {
                    accumulator.add(s - hubStart, inValues[e])
                }
            }
            accumulator.flush(into: &rows, row: v, offset: hubStart)
        }
        return rows
    }
}

/// Sparse vectors of consecutive nodes `first ..< first + count`, filled in any order: row
/// `v` owns `nodes[start[v - first] ..< end[v - first]]` (sorted) and the matching values.
struct SparseRows {
    let first: Int
    private var start: [Int]
    private var end: [Int]
    private(set) var nodes: [Int32] = []
    private(set) var values: [Double] = []

    init(first: Int, count: Int) {
        self.first = first
        start = [Int](repeating: 0, count: count)
        end = [Int](repeating: 0, count: count)
    }

    func range(of v: Int) -> Range<Int> { start[v - first]..<end[v - first] }

    mutating func setRow(_ v: Int, nodes rowNodes: [Int32], values rowValues: [Double]) {
        start[v - first] = nodes.count
        nodes.append(contentsOf: rowNodes)
        values.append(contentsOf: rowValues)
        end[v - first] = nodes.count
    }
}

/// A dense accumulator over `width` slots that remembers which slots it touched, so a
/// sparse sum costs its nonzeros (Gilbert, Moler, Schreiber's SPA, 1992). O(1) per add,
/// O(k log k) to flush k touched slots in order.
struct SparseAccumulator<S: Semiring> {
    private var value: [Double]
    private var isTouched: [Bool]
    private var touched: [Int32] = []
    private var sortedNodes: [Int32] = []
    private var sortedValues: [Double] = []

    init(width: Int) {
        value = [Double](repeating: S.zero, count: width)
        isTouched = [Bool](repeating: false, count: width)
    }

    @inline(__always)
    mutating func add(_ slot: Int, _ x: Double) {
        if x == S.zero { return }
        if !isTouched[slot] {
            isTouched[slot] = true
            touched.append(Int32(slot))
        }
        value[slot] = S.plus(value[slot], x)
    }

    /// Writes the touched slots (plus `offset`, in increasing order) as row `row` and clears.
    mutating func flush(into rows: inout SparseRows, row: Int, offset: Int) {
        touched.sort()
        sortedNodes.removeAll(keepingCapacity: true)
        sortedValues.removeAll(keepingCapacity: true)
        for slot in touched {
            sortedNodes.append(Int32(offset) + slot)
            sortedValues.append(value[Int(slot)])
            value[Int(slot)] = S.zero
            isTouched[Int(slot)] = false
        }
        touched.removeAll(keepingCapacity: true)
        rows.setRow(row, nodes: sortedNodes, values: sortedValues)
    }
}
