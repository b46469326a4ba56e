import CondenseCore

extension PrunedLandmarkLabeling {
    /// Build parameters: the vertex order and the seed of the random order.
    public struct BuildOptions: Sendable {
        public var order: VertexOrder
        public var seed: UInt64
        public init(order: VertexOrder = .bottleneck, seed: UInt64 = 1) {
            self.order = order
            self.seed = seed
        }
    }

    /// ``init(graph:order:seed:)`` on the input's DAG.
    public init(building input: LabelingInput, options: BuildOptions) {
        self.init(graph: input.graph, order: options.order, seed: options.seed)
    }

    /// Builds the labels: for each vertex `r` in `order`, one pruned search forward (adding
    /// `r` to in-labels) and one backward (adding `r` to out-labels). A search does not expand
    /// a vertex `v` whose distance the current labels already answer (`query <= d`), which is
    /// what keeps labels small (Akiba et al. 2013, Alg. 1, with weights and directions).
    ///
    /// On a DAG the pruned Dijkstra is a pruned sweep in topological (layer) order: a node's
    /// tentative length is final once the layers before it are done, over exactly the paths
    /// through unpruned nodes that Dijkstra would see, so the labels are the same — without a
    /// priority queue, and with negative lengths (`|w| > 1`) needing no reweighting.
    ///
    /// Time: O(Σ_v |L(v)| · (deg(v) + |L|)) — near-linear when labels stay short.
    public init(graph: LayeredDAG, order vertexOrder: VertexOrder = .bottleneck, seed: UInt64 = 1) {
        let order = vertexOrder.vertices(of: graph, seed: seed)
        let outLength = graph.outWeights.map { S.length(S.edgeValue(weight: $0)) }
        let inLength = graph.inWeights.map { S.length(S.edgeValue(weight: $0)) }
        var builder = PrunedSearch(graph: graph)
        for (rank, r) in order.enumerated() {
            builder.search(from: Int(r), rank: Int32(rank), forward: true, lengths: outLength)
            builder.search(from: Int(r), rank: Int32(rank), forward: false, lengths: inLength)
        }
        self.order = order
        addressing = NodeAddressing(layerOfNode: graph.layerOfNode, layerOffsets: graph.layerOffsets)
        (outOffsets, outHubs, outLengths) = builder.outLabels.flattened()
        (inOffsets, inHubs, inLengths) = builder.inLabels.flattened()
    }
}

/// The state of the pruned searches: growing labels and reusable search buffers.
struct PrunedSearch {
    let graph: LayeredDAG
    var outLabels: LabelArena
    var inLabels: LabelArena
    private var distance: [Double]
    private var hubLength: [Double]
    /// Reached nodes per layer, the sweep's frontier.
    private var buckets: [[Int32]]

    init(graph: LayeredDAG) {
        self.graph = graph
        outLabels = LabelArena(nodeCount: graph.nodeCount)
        inLabels = LabelArena(nodeCount: graph.nodeCount)
        distance = Array(repeating: .infinity, count: graph.nodeCount)
        hubLength = Array(repeating: .infinity, count: graph.nodeCount)
        buckets = Array(repeating: [], count: graph.layerCount)
    }

    /// Pruned search from `root` in layer order; forward adds `(rank, d(root, v))` to
    /// in-labels, backward adds `(rank, d(v, root))` to out-labels. `lengths` is aligned with
    /// the out-edges (forward) or the in-edges (backward).
    mutating func search(from root: Int, rank: Int32, forward: Bool, lengths: [Double]) {
        // The root's own label, indexed by hub, answers "d(root, v) via earlier hubs" in O(|L(v)|).
        let rootLabels = forward ? outLabels : inLabels
        let rootRange = rootLabels.range(root)
        for i in rootRange { hubLength[Int(rootLabels.entries[i].hub)] = rootLabels.entries[i].length }
        let rootLayer = Int(graph.layerOfNode[root])
        distance[root] = 0
        buckets[rootLayer].append(Int32(root))
        let layers = forward ? Array(rootLayer..<graph.layerCount) : Array((0...rootLayer).reversed())
        for l in layers {
            for node in buckets[l] {
                let v = Int(node)
                let d = distance[v]
                distance[v] = .infinity
                // Tolerate rounding: the same path summed in another order must still prune.
                // A root without earlier hubs in its label cannot see any node covered.
                if !rootRange.isEmpty {
                    let bound = d + 1e-9 * (1 + abs(d))
                    if forward ? inLabels.reaches(v, via: hubLength, within: bound)
                               : outLabels.reaches(v, via: hubLength, within: bound) { continue }
                }
                if forward {
                    inLabels.append(v, HubEntry(hub: rank, length: d))
                } else {
                    outLabels.append(v, HubEntry(hub: rank, length: d))
                }
                for e in forward ? graph.outEdges(v) : graph.inEdges(v) {
                    let t = Int(forward ? graph.outTargets[e] : graph.inSources[e])
                    let nd = d + lengths[e]
                    if distance[t] == .infinity { buckets[Int(graph.layerOfNode[t])].append(Int32(t)) }
                    if nd < distance[t] { distance[t] = nd }
                }
            }
            buckets[l].removeAll(keepingCapacity: true)
        }
        for i in rootRange { hubLength[Int(rootLabels.entries[i].hub)] = .infinity }
    }
}
