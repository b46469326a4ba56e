import CondenseCore

/// A seeded random layered DAG for tests and benchmarks of the labeling schemes, as a
/// sparse ``LayeredDAG`` (any size) or as a ``Network`` (ReLU hidden layers, identity
/// output; dense blocks, so moderate sizes only).
///
/// Every node of layer `l` gets `outDegree` distinct random targets in layer `l + 1`, and
/// `skipDegree` in layer `l + 2` (skip connections). With `hubFraction > 0` a target is
/// drawn from the first `hubFraction` of the next layer with probability 1/2 — a few
/// heavily connected units, as magnitude pruning leaves in trained networks. Weights are
/// Gaussian with standard deviation `1/sqrt(outDegree)`, biases with 0.1. O(V · degree) to draw.
public struct RandomLayeredNetwork: Sendable {
    public var widths: [Int]
    public var outDegree: Int
    public var skipDegree: Int
    public var hubFraction: Double
    public var seed: UInt64

    public init(widths: [Int], outDegree: Int, skipDegree: Int = 0, hubFraction: Double = 0, seed: UInt64 = 1) {
        self.widths = widths
        self.outDegree = outDegree
        self.skipDegree = skipDegree
        self.hubFraction = hubFraction
        self.seed = seed
    }

    /// Number of edges the DAG has.
    public var edgeCount: Int {
        var total = 0
        for l in 0..<max(0, widths.count - 1) {
            total += widths[l] * min(outDegree, widths[l + 1])
            if l + 2 < widths.count { total += widths[l] * min(skipDegree, widths[l + 2]) }
        }
        return total
    }

    /// First node of every layer, then the node count.
    var layerOffsets: [Int] {
        var offsets = [0]
        for w in widths { offsets.append(offsets[offsets.count - 1] + w) }
        return offsets
    }

    /// The edges, struct of arrays, with node indices in layer order.
    struct Edges {
        var sources: [Int32] = []
        var targets: [Int32] = []
        var weights: [Float] = []
        var bias: [Float] = []
    }

    /// The DAG in CSR form. O(V · degree).
    public func graph() throws(CondenseError) -> LayeredDAG {
        let edges = try draw()
        return try LayeredDAG(layerWidths: widths, sources: edges.sources, targets: edges.targets, weights: edges.weights,
                              bias: edges.bias)
    }

    /// The DAG as a network with dense weight blocks and small random biases.
    /// O(V · degree + stored weights).
    public func network() throws(CondenseError) -> Network {
        let edges = try draw()
        let offsets = layerOffsets
        var layerOf = [Int](repeating: 0, count: offsets[widths.count])
        for l in widths.indices { for v in offsets[l]..<offsets[l + 1] { layerOf[v] = l } }
        var blocks = [[Int: Matrix]](repeating: [:], count: widths.count)
        for e in edges.sources.indices {
            let s = Int(edges.sources[e]), t = Int(edges.targets[e])
            let ls = layerOf[s], lt = layerOf[t]
            blocks[lt][ls, default: Matrix(rows: widths[lt], columns: widths[ls])][t - offsets[lt], s - offsets[ls]] = edges.weights[e]
        }
        var layers = [Layer.input(width: widths[0])]
        for l in 1..<widths.count {
            let inputs = blocks[l].sorted { $0.key > $1.key }.map { Connection(source: $0.key, weights: $0.value) }
            let bias = Array(edges.bias[offsets[l]..<offsets[l + 1]])
            layers.append(Layer(name: "dense\(l)", width: widths[l], activation: l == widths.count - 1 ? .identity : .relu,
                                bias: bias, inputs: inputs))
        }
        return try Network(layers: layers)
    }

    /// Draws the edge list. Throws for fewer than two layers, an empty layer or a bad degree.
    func draw() throws(CondenseError) -> Edges {
        guard widths.count >= 2, widths.allSatisfy({ $0 > 0 }) else {
            throw .invalidArgument("a random layered network needs at least two layers, none empty")
        }
        guard outDegree >= 1, skipDegree >= 0, (0...1).contains(hubFraction) else {
            throw .invalidArgument("random layered network: degree must be >= 1 and hub fraction in [0, 1]")
        }
        let offsets = layerOffsets
        var rng = SplitMix64(seed: seed)
        var edges = Edges()
        var chosen = Set<Int>()
        for l in 0..<(widths.count - 1) {
            for (jump, degree) in [(1, outDegree), (2, skipDegree)] where l + jump < widths.count && degree > 0 {
                let rows = widths[l + jump], d = min(degree, rows)
                let hubs = max(1, Int(Double(rows) * hubFraction))
                let scale = 1 / Double(d).squareRoot()
                for s in offsets[l]..<offsets[l + 1] {
                    chosen.removeAll(keepingCapacity: true)
                    while chosen.count < d {
                        let pickHub = hubFraction > 0 && rng.next() & 1 == 0
                        let i = Int(rng.next() % UInt64(pickHub ? hubs : rows))
                        guard chosen.insert(i).inserted else { continue }
                        let w = Float(rng.nextGaussian() * scale)
                        edges.sources.append(Int32(s))
                        edges.targets.append(Int32(offsets[l + jump] + i))
                        edges.weights.append(w == 0 ? Float(scale) : w)
                    }
                }
            }
        }
        edges.bias = (0..<offsets[widths.count]).map { $0 < widths[0] ? 0 : Float(rng.nextGaussian() * 0.1) }
        return edges
    }
}
