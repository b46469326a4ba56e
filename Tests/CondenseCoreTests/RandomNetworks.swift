import CondenseCore

/// Random layered networks (with optional skip connections) for property tests,
/// drawn from a seeded linear congruential generator so every case is reproducible.
struct RandomNetworks {
    private var state: UInt64

    init(seed: Int) { state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next() -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(state >> 40) / Float(1 << 24) * 2 - 1
    }

    mutating func matrix(_ rows: Int, _ columns: Int, sparsity: Float = 0) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        for i in m.values.indices {
            let v = next()
            m.values[i] = abs(next()) < sparsity ? 0 : v
        }
        return m
    }

    /// A network with the given widths; each layer past the second also reads layer `l - 2` when `skips`.
    mutating func network(widths: [Int], activations: [Activation], skips: Bool = false, sparsity: Float = 0) throws -> Network {
        var layers = [Layer.input(width: widths[0])]
        for l in 1..<widths.count {
            var inputs = [Connection(source: l - 1, weights: matrix(widths[l], widths[l - 1], sparsity: sparsity))]
            if skips && l >= 2 { inputs.append(Connection(source: l - 2, weights: matrix(widths[l], widths[l - 2], sparsity: sparsity))) }
            layers.append(Layer(name: "L\(l)", width: widths[l], activation: activations[(l - 1) % activations.count],
                                bias: (0..<widths[l]).map { _ in next() * 0.1 }, inputs: inputs))
        }
        return try Network(layers: layers)
    }

    /// The forward pass written the slow, obvious way: the reference for the BLAS one.
    static func naiveForward(_ network: Network, _ x: [Float]) -> [Float] {
        var values = [x]
        for layer in network.layers.dropFirst() {
            var out = layer.bias
            for c in layer.inputs {
                for i in 0..<layer.width { for j in 0..<c.weights.columns { out[i] += c.weights[i, j] * values[c.source][j] } }
            }
            values.append(out.map { layer.activation($0) })
        }
        return values[values.count - 1]
    }
}
