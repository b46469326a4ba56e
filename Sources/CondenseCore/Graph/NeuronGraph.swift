/// The network as a weighted DAG in compressed sparse rows, in both directions.
///
/// Node `v` is a unit (neuron or channel) with a global index: the units of layer `l`
/// are `layerOffsets[l] ..< layerOffsets[l + 1]`. Edges are the nonzero weights;
/// skip connections are ordinary edges that jump layers. Struct-of-arrays storage:
/// building it is O(V + stored weights), and it holds O(V + E) numbers.
public struct NeuronGraph: Sendable {
    /// `layerOffsets[l]` is the first node of layer `l`; the last entry is the node count.
    public let layerOffsets: [Int]
    /// Layer of each node.
    public let layerOfNode: [Int32]
    /// Bias of each node (0 for inputs).
    public let bias: [Float]
    /// Activation of each layer.
    public let activations: [Activation]
    /// Outgoing edges of node `v`: `outTargets[outOffsets[v] ..< outOffsets[v + 1]]`.
    public let outOffsets: [Int]
    public let outTargets: [Int32]
    public let outWeights: [Float]
    /// Incoming edges of node `v`: `inSources[inOffsets[v] ..< inOffsets[v + 1]]`.
    public let inOffsets: [Int]
    public let inSources: [Int32]
    public let inWeights: [Float]

    public var nodeCount: Int { layerOffsets[layerOffsets.count - 1] }
    public var edgeCount: Int { outTargets.count }
    public var layerCount: Int { layerOffsets.count - 1 }

    /// Builds the CSR view of `network`; weights with `|w| <= threshold` are not edges.
    public init(_ network: Network, threshold: Float = 0) {
        var offsets = [0]
        for layer in network.layers { offsets.append(offsets[offsets.count - 1] + layer.width) }
        let n = offsets[offsets.count - 1]
        layerOffsets = offsets
        var layerOf = [Int32](repeating: 0, count: n)
        var biases = [Float](repeating: 0, count: n)
        for (l, layer) in network.layers.enumerated() {
            for i in 0..<layer.width {
                layerOf[offsets[l] + i] = Int32(l)
                if !layer.bias.isEmpty { biases[offsets[l] + i] = layer.bias[i] }
            }
        }
        layerOfNode = layerOf
        bias = biases
        activations = network.layers.map(\.activation)

        // Incoming rows first: node by node, sources in increasing order.
        var inOff = [Int](repeating: 0, count: n + 1)
        var inSrc: [Int32] = []
        var inW: [Float] = []
        for (l, layer) in network.layers.enumerated() {
            let blocks = layer.inputs.sorted { $0.source < $1.source }
            for i in 0..<layer.width {
                for block in blocks {
                    let base = offsets[block.source]
                    let w = block.weights
                    for j in 0..<w.columns {
                        let value = w.values[i * w.columns + j]
                        if abs(value) > threshold {
                            inSrc.append(Int32(base + j))
                            inW.append(value)
                        }
                    }
                }
                inOff[offsets[l] + i + 1] = inSrc.count
            }
        }
        inOffsets = inOff
        inSources = inSrc
        inWeights = inW

        (outOffsets, outTargets, outWeights) = Self.transpose(nodeCount: n, inOffsets: inOff, inSources: inSrc, inWeights: inW)
    }

    /// The graph of an edge list in struct-of-arrays form (global node indices, layer by
    /// layer; each edge from a layer to a later one; no duplicate pairs), as the channel-level
    /// unit DAG and large random DAGs give it. Rows are sorted (in-rows by source, out-rows by
    /// target) by two stable counting sorts: O(V + E).
    public init(layerWidths: [Int], sources: [Int32], targets: [Int32], weights: [Float], bias: [Float]? = nil,
                activations: [Activation]? = nil) {
        var offsets = [0]
        for w in layerWidths { offsets.append(offsets[offsets.count - 1] + w) }
        let n = offsets[offsets.count - 1]
        layerOffsets = offsets
        var layerOf = [Int32](repeating: 0, count: n)
        for l in layerWidths.indices { for v in offsets[l]..<offsets[l + 1] { layerOf[v] = Int32(l) } }
        layerOfNode = layerOf
        self.bias = bias.flatMap { $0.count == n ? $0 : nil } ?? [Float](repeating: 0, count: n)
        self.activations = activations ?? [Activation](repeating: .identity, count: layerWidths.count)
        let byTarget = Self.countingSort(keys: targets, secondary: sources, n: n)
        inOffsets = Self.rowOffsets(targets, n: n)
        inSources = byTarget.map { sources[$0] }
        inWeights = byTarget.map { weights[$0] }
        let bySource = Self.countingSort(keys: sources, secondary: targets, n: n)
        outOffsets = Self.rowOffsets(sources, n: n)
        outTargets = bySource.map { targets[$0] }
        outWeights = bySource.map { weights[$0] }
    }

    /// Row starts of a CSR whose rows are `keys` (one per edge): counts, then prefix sums. O(n + E).
    static func rowOffsets(_ keys: [Int32], n: Int) -> [Int] {
        var offsets = [Int](repeating: 0, count: n + 1)
        for k in keys { offsets[Int(k) + 1] += 1 }
        for v in 0..<n { offsets[v + 1] += offsets[v] }
        return offsets
    }

    /// Edge indices sorted by `keys`, ties by `secondary`: two stable counting sorts. O(n + E).
    static func countingSort(keys: [Int32], secondary: [Int32], n: Int) -> [Int] {
        func stableSort(_ items: [Int], by key: [Int32]) -> [Int] {
            var count = [Int](repeating: 0, count: n + 1)
            for e in items { count[Int(key[e]) + 1] += 1 }
            for v in 0..<n { count[v + 1] += count[v] }
            var out = [Int](repeating: 0, count: items.count)
            for e in items {
                out[count[Int(key[e])]] = e
                count[Int(key[e])] += 1
            }
            return out
        }
        return stableSort(stableSort(Array(keys.indices), by: secondary), by: keys)
    }

    /// Outgoing rows from incoming rows by a counting-sort transpose: O(V + E).
    static func transpose(nodeCount n: Int, inOffsets inOff: [Int], inSources inSrc: [Int32], inWeights inW: [Float])
        -> ([Int], [Int32], [Float]) {
        let outOff = rowOffsets(inSrc, n: n)
        var cursor = outOff
        var outT = [Int32](repeating: 0, count: inSrc.count)
        var outW = [Float](repeating: 0, count: inSrc.count)
        for v in 0..<n {
            for e in inOff[v]..<inOff[v + 1] {
                let s = Int(inSrc[e])
                outT[cursor[s]] = Int32(v)
                outW[cursor[s]] = inW[e]
                cursor[s] += 1
            }
        }
        return (outOff, outT, outW)
    }

    /// Node index of a neuron address.
    @inlinable public func node(_ id: NeuronID) -> Int { layerOffsets[id.layer] + id.index }

    /// Neuron address of a node index.
    public func neuron(_ v: Int) -> NeuronID {
        let l = Int(layerOfNode[v])
        return NeuronID(layer: l, index: v - layerOffsets[l])
    }

    public func outDegree(_ v: Int) -> Int { outOffsets[v + 1] - outOffsets[v] }
    public func inDegree(_ v: Int) -> Int { inOffsets[v + 1] - inOffsets[v] }

    /// Outgoing edges of `v` as (target, weight) index range.
    public func outEdges(_ v: Int) -> Range<Int> { outOffsets[v]..<outOffsets[v + 1] }
    /// Incoming edges of `v` as (source, weight) index range.
    public func inEdges(_ v: Int) -> Range<Int> { inOffsets[v]..<inOffsets[v + 1] }
}
