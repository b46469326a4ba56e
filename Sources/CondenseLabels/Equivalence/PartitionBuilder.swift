import CondenseCore

/// The layer-by-layer refinement behind ``EquivalencePartition``.
///
/// For each layer in order: aggregate every neuron's incoming weights per upstream block
/// (a sparse accumulator, O(in-degree)), normalise, hash the quantised projection, and
/// verify against the representatives of the bucket and its two neighbours (a match can
/// straddle a bucket boundary, never two). Expected O(V + E) in total.
struct PartitionBuilder {
    let graph: NeuronGraph
    let tolerance: Double
    let refining: Bool
    var blockOfNode: [Int32]
    var factor: [Double]
    var deviation: [Double]
    var representatives: [Int32] = []
    /// Scratch: position of a key in the signature being accumulated (-1 when absent),
    /// then the stamps that let two signatures be compared without clearing arrays.
    private var slot: [Int32]
    private var stampA: [UInt32]
    private var stampB: [UInt32]
    private var generation: UInt32 = 0

    init(graph: NeuronGraph, tolerance: Double, refining: Bool) {
        self.graph = graph
        self.tolerance = tolerance
        self.refining = refining
        let n = graph.nodeCount
        blockOfNode = [Int32](repeating: -1, count: n)
        factor = [Double](repeating: 1, count: n)
        deviation = [Double](repeating: 0, count: n)
        slot = [Int32](repeating: -1, count: n)
        stampA = [UInt32](repeating: 0, count: n)
        stampB = [UInt32](repeating: 0, count: n)
    }

    mutating func run() {
        for v in graph.layerOffsets[0]..<graph.layerOffsets[1] { startBlock(v) }
        for l in 1..<graph.layerCount { refine(layer: l) }
    }

    private mutating func startBlock(_ v: Int) {
        blockOfNode[v] = Int32(representatives.count)
        representatives.append(Int32(v))
    }

    /// Splits layer `l` into blocks. Expected O(in-edges of `l` + width of `l`).
    private mutating func refine(layer l: Int) {
        let first = graph.layerOffsets[l]
        let signatures = signatures(of: l)
        let homogeneous = graph.activations[l].isPositivelyHomogeneous
        // Two signatures within `tolerance` in max-norm differ in at most
        // 2 * maxEntries + 1 coordinates, each by at most 2 * tolerance (the factor 2
        // covers the rescaling of non-homogeneous comparisons); |direction| <= 1.
        let width = 4 * (Double(signatures.maxEntries) + 1) * max(tolerance, 1e-12) + 1e-12
        var buckets: [Int64: [Int32]] = [:]
        for i in 0..<signatures.count {
            let v = first + i
            guard signatures.scale[i] > 0 else {
                startBlock(v)
                continue
            }
            let key = Int64((signatures.projection[i] / width).rounded(.down))
            var match: (rep: Int, deviation: Double)?
            probe: for neighbour in (key - 1)...(key + 1) {
                for r in buckets[neighbour] ?? [] {
                    if let d = distance(i, Int(r), in: signatures, homogeneous: homogeneous), d <= tolerance {
                        match = (Int(r), d)
                        break probe
                    }
                }
            }
            if let match {
                let rep = first + match.rep
                blockOfNode[v] = blockOfNode[rep]
                factor[v] = homogeneous ? signatures.scale[i] / signatures.scale[match.rep] : 1
                deviation[v] = match.deviation
            } else {
                startBlock(v)
                buckets[key, default: []].append(Int32(i))
            }
        }
    }

    /// The signatures of layer `l`: per neuron, its incoming weights summed per upstream
    /// block (each member weighted by its factor) when refining, or per source node.
    private mutating func signatures(of l: Int) -> LayerSignatures {
        var result = LayerSignatures()
        var keys: [Int32] = []
        var sums: [Double] = []
        for v in graph.layerOffsets[l]..<graph.layerOffsets[l + 1] {
            keys.removeAll(keepingCapacity: true)
            sums.removeAll(keepingCapacity: true)
            for e in graph.inEdges(v) {
                let s = Int(graph.inSources[e])
                let key = refining ? Int(blockOfNode[s]) : s
                let w = Double(graph.inWeights[e]) * (refining ? factor[s] : 1)
                if slot[key] < 0 {
                    slot[key] = Int32(keys.count)
                    keys.append(Int32(key))
                    sums.append(w)
                } else {
                    sums[Int(slot[key])] += w
                }
            }
            for k in keys { slot[Int(k)] = -1 }
            result.append(keys: keys, weights: sums, bias: Double(graph.bias[v]))
        }
        return result
    }

    /// Max-norm distance between signatures `a` and `b` of one layer, or `nil` once it
    /// exceeds the tolerance. Homogeneous layers compare normalised signatures; the others
    /// compare raw signatures relative to the larger scale (equality, not proportionality).
    /// O(entries of a + entries of b), with stamps instead of sorting.
    private mutating func distance(_ a: Int, _ b: Int, in s: LayerSignatures, homogeneous: Bool) -> Double? {
        let larger = max(s.scale[a], s.scale[b])
        let ra = homogeneous ? 1 : s.scale[a] / larger
        let rb = homogeneous ? 1 : s.scale[b] / larger
        var worst = abs(ra * s.bias[a] - rb * s.bias[b])
        guard worst <= tolerance else { return nil }
        generation &+= 1
        if generation == 0 {
            for i in stampA.indices { stampA[i] = 0; stampB[i] = 0 }
            generation = 1
        }
        for t in s.offsets[b]..<s.offsets[b + 1] {
            let k = Int(s.keys[t])
            stampB[k] = generation
            slot[k] = Int32(t)
        }
        for t in s.offsets[a]..<s.offsets[a + 1] {
            let k = Int(s.keys[t])
            stampA[k] = generation
            let other = stampB[k] == generation ? rb * s.values[Int(slot[k])] : 0
            worst = max(worst, abs(ra * s.values[t] - other))
            if worst > tolerance { break }
        }
        for t in s.offsets[b]..<s.offsets[b + 1] {
            let k = Int(s.keys[t])
            slot[k] = -1
            if worst <= tolerance, stampA[k] != generation { worst = max(worst, abs(rb * s.values[t])) }
        }
        return worst <= tolerance ? worst : nil
    }
}
