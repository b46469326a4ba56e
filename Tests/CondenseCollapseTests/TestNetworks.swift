import CondenseCollapse
import CondenseCore
import CondenseLabels
import CondenseTestSupport

/// Small hand-built networks and helpers shared by the collapse tests.
enum TestNetworks {
    /// A dense layer from row-major rows.
    static func dense(_ rows: [[Float]], bias: [Float], from source: Int, activation: Activation = .relu,
                      skips: [Connection] = []) -> Layer {
        SeededNetworks.layer(rows, bias: bias, from: source, activation: activation, skips: skips)
    }

    /// Seeded random inputs in `domain`, `count` rows.
    static func points(_ network: Network, count: Int = 64, domain: ClosedRange<Float> = 0...1, seed: UInt64 = 7) -> Matrix {
        RandomPoints.uniform(count: count, width: network.inputWidth, domain: domain, seed: seed)
    }

    /// Largest relative change of the logits between two networks on random points of `domain`.
    static func relativeChange(_ a: Network, _ b: Network, domain: ClosedRange<Float> = 0...1) throws -> Double {
        try OutputDeviation.measure(original: a, simplified: b, inputs: points(a, domain: domain)).maxRelativeChange
    }

    /// A planted plan with the given counts per kind in each hidden layer.
    static func plan(widths: [Int], activation: Activation = .relu, seed: UInt64,
                     _ counts: [[PlantedRedundancy.Kind: Int]]) -> PlantedRedundancy {
        PlantedRedundancy(widths: widths, activation: activation, counts: counts, seed: seed)
    }
}
