import CondenseCore

extension SketchLabeling {
    /// Build parameters: sketch bits and the seed of the random directions.
    public struct BuildOptions: Sendable {
        public var bits: Int
        public var seed: UInt64
        public init(bits: Int = 256, seed: UInt64 = 1) {
            self.bits = bits
            self.seed = seed
        }
    }

    /// Activation sketches when the input has calibration activations, else sketches of
    /// the incoming signatures of its DAG.
    public init(building input: LabelingInput, options: BuildOptions) throws(CondenseError) {
        if let activations = input.activations {
            try self.init(activations: activations, bits: options.bits, seed: options.seed)
        } else {
            try self.init(graph: input.graph, bits: options.bits, seed: options.seed)
        }
    }

    /// Sketches of the incoming signatures `(w_{·v}, b_v)` of every node (input nodes have
    /// none and are flagged zero). Coordinate `s` of the signature space is source node `s`
    /// and each layer has its own bias coordinate; the Gaussian direction of a coordinate is
    /// drawn from a generator seeded by the coordinate, so no `V × k` random matrix is
    /// stored: each source's direction is drawn once and pushed along its out-edges.
    /// O(k · (E + V)) time, O(k · V) memory for the projections.
    public init(graph: LayeredDAG, bits: Int = 256, seed: UInt64 = 1) throws(CondenseError) {
        let k = try Self.checkedBits(bits)
        let directions = GaussianDirections(dimension: k, seed: seed)
        var direction = [Float](repeating: 0, count: k)
        var projections = [Float](repeating: 0, count: graph.nodeCount * k)
        var isZero = [Bool](repeating: true, count: graph.nodeCount)
        for l in 1..<max(1, graph.layerCount) {
            directions.fill(&direction, coordinate: UInt64(graph.nodeCount + l))
            for v in graph.layerOffsets[l]..<graph.layerOffsets[l + 1] where graph.bias[v] != 0 {
                for j in 0..<k { projections[v * k + j] = graph.bias[v] * direction[j] }
                isZero[v] = false
            }
        }
        for s in 0..<graph.nodeCount where graph.outDegree(s) > 0 {
            directions.fill(&direction, coordinate: UInt64(s))
            for e in graph.outEdges(s) {
                let v = Int(graph.outTargets[e]), w = graph.outWeights[e]
                for j in 0..<k { projections[v * k + j] += w * direction[j] }
                isZero[v] = false
            }
        }
        self.init(bitCount: k, source: .incoming, layerOfNode: graph.layerOfNode, projections: projections, isZero: isZero)
    }

    /// Sketches of the activation vectors on calibration data: `activations[l]` is layer
    /// `l`'s output on the samples (rows: samples, columns: units), as
    /// `Network.forwardAll(_:).values` gives. Coordinate `s` is sample `s`.
    /// O(k · samples · V) time.
    public init(activations: [Matrix], bits: Int = 256, seed: UInt64 = 1) throws(CondenseError) {
        let k = try Self.checkedBits(bits)
        guard let samples = activations.first?.rows, samples > 0,
              activations.allSatisfy({ $0.rows == samples }) else {
            throw .invalidArgument("activation sketches need the same nonzero number of samples in every layer")
        }
        let directions = GaussianDirections(dimension: k, seed: seed)
        var direction = [Float](repeating: 0, count: k)
        let nodeCount = activations.reduce(0) { $0 + $1.columns }
        var layerOfNode = [Int32](repeating: 0, count: nodeCount)
        var projections = [Float](repeating: 0, count: nodeCount * k)
        var isZero = [Bool](repeating: true, count: nodeCount)
        for s in 0..<samples {
            directions.fill(&direction, coordinate: UInt64(s))
            var first = 0
            for (l, values) in activations.enumerated() {
                for i in 0..<values.columns {
                    let v = first + i
                    layerOfNode[v] = Int32(l)
                    let a = values.values[s * values.columns + i]
                    if a == 0 { continue }
                    isZero[v] = false
                    for j in 0..<k { projections[v * k + j] += a * direction[j] }
                }
                first += values.columns
            }
        }
        self.init(bitCount: k, source: .activations, layerOfNode: layerOfNode, projections: projections, isZero: isZero)
    }

    /// Packs the signs of the projections (bit set when `>= 0`). O(V · k).
    init(bitCount k: Int, source: SketchSource, layerOfNode: [Int32], projections: [Float], isZero: [Bool]) {
        let wordsPerLabel = (k + 63) / 64
        var words = [UInt64](repeating: 0, count: layerOfNode.count * wordsPerLabel)
        for v in layerOfNode.indices where !isZero[v] {
            for j in 0..<k where projections[v * k + j] >= 0 {
                words[v * wordsPerLabel + j / 64] |= 1 << UInt64(j % 64)
            }
        }
        self.bitCount = k
        self.source = source
        self.wordsPerLabel = wordsPerLabel
        self.layerOfNode = layerOfNode
        addressing = NodeAddressing(layerOfNode: layerOfNode)
        self.words = words
        self.isZero = isZero
        var leaders: [[UInt64]: Int32] = [:]
        var groupLeader = [Int32](repeating: 0, count: layerOfNode.count)
        var groupSize = [Int32](repeating: 0, count: layerOfNode.count)
        for v in layerOfNode.indices {
            let key = [UInt64(layerOfNode[v]), isZero[v] ? 1 : 0] + words[(v * wordsPerLabel)..<((v + 1) * wordsPerLabel)]
            let leader = leaders[key, default: Int32(v)]
            leaders[key] = leader
            groupLeader[v] = leader
            groupSize[Int(leader)] += 1
        }
        for v in layerOfNode.indices { groupSize[v] = groupSize[Int(groupLeader[v])] }
        self.groupLeader = groupLeader
        self.groupSize = groupSize
    }

    static func checkedBits(_ bits: Int) throws(CondenseError) -> Int {
        guard (1...4096).contains(bits) else {
            throw .invalidArgument("the sketch needs 1 to 4096 bits, got \(bits)")
        }
        return bits
    }
}

/// Seeded Gaussian directions, one `dimension`-vector per coordinate, drawn from a
/// generator seeded by (seed, coordinate): the same coordinate always gets the same
/// direction, and none is stored. O(dimension) per draw.
struct GaussianDirections {
    let dimension: Int
    let seed: UInt64

    func fill(_ direction: inout [Float], coordinate: UInt64) {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ coordinate)
        var j = 0
        while j < dimension {
            let (a, b) = rng.nextGaussianPair()
            direction[j] = Float(a)
            if j + 1 < dimension { direction[j + 1] = Float(b) }
            j += 2
        }
    }
}
