import CondenseCore

/// Small networks with known, seeded weights, shared by the test suites.
public enum SeededNetworks {
    /// A dense network of the given widths with deterministic, varied weights and biases in
    /// [-1, 1] (some negative), ReLU hidden layers and an identity output.
    public static func dense(_ widths: [Int], seed: UInt64 = 7) throws -> Network {
        var state = seed
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2001 - 1000) / 1000
        }
        var layers = [Layer.input(width: widths[0])]
        for l in 1..<widths.count {
            let weights = Matrix(rows: widths[l], columns: widths[l - 1], values: (0..<(widths[l] * widths[l - 1])).map { _ in next() })
            layers.append(Layer(name: "dense\(l)", width: widths[l], activation: l == widths.count - 1 ? .identity : .relu,
                                bias: (0..<widths[l]).map { _ in next() / 2 }, inputs: [Connection(source: l - 1, weights: weights)]))
        }
        return try Network(layers: layers)
    }

    /// A dense layer from row-major weight rows, reading layer `source` (plus optional skip blocks).
    public static func layer(_ rows: [[Float]], bias: [Float], from source: Int, activation: Activation = .relu,
                             skips: [Connection] = []) -> Layer {
        let weights = Matrix(rows: rows.count, columns: rows[0].count, values: rows.flatMap { $0 })
        return Layer(name: "fc", width: rows.count, activation: activation, bias: bias,
                     inputs: [Connection(source: source, weights: weights)] + skips)
    }

    /// `network` with the given hidden units removed (what a simplification leaves).
    public static func removing(_ removed: [NeuronID], from network: Network) -> Network {
        var result = network
        let byLayer = Dictionary(grouping: removed, by: \.layer)
        for (layer, ids) in byLayer { result.removeUnits(Set(ids.map(\.index)), fromLayer: layer) }
        return result
    }
}
