import CondenseCollapse
import CondenseCore
import CondenseLabels
import CondenseONNX
import PropertyBased
import Testing

/// Branch and bound on first-layer splits (``SplitBounds``): sound, never looser than
/// CROWN, and strictly tighter where CROWN's relaxation is too coarse.
@Suite("Branch and bound on ReLU splits")
struct SplitBoundsTests {
    /// A random 2-input ReLU network: second-layer biases shifted down so that many
    /// neurons are nearly (or truly) dead on the box, where the relaxations differ most.
    static func network(seed: UInt64) throws -> Network {
        var rng = SplitMix64(seed: seed)
        func gaussian(_ n: Int, _ scale: Double) -> [Float] { (0..<n).map { _ in Float(rng.nextGaussian() * scale) } }
        func rows(_ r: Int, _ c: Int) -> [[Float]] { (0..<r).map { _ in gaussian(c, 1) } }
        return try Network(layers: [
            .input(width: 2),
            TestNetworks.dense(rows(10, 2), bias: gaussian(10, 0.5), from: 0),
            TestNetworks.dense(rows(12, 10), bias: gaussian(12, 0.5).map { $0 - 1.2 }, from: 1),
            TestNetworks.dense(rows(3, 12), bias: gaussian(3, 0.5), from: 2, activation: .identity),
        ])
    }

    /// The second layer's pre-activations on a 201 x 201 grid of [-1, 1]^2: nearly exhaustive.
    static func gridRange(_ network: Network) throws -> (low: [Float], high: [Float]) {
        let steps = 201
        var values: [Float] = []
        for a in 0..<steps { for b in 0..<steps { values += [-1 + 2 * Float(a) / 200, -1 + 2 * Float(b) / 200] } }
        let z = try network.forwardAll(Matrix(rows: steps * steps, columns: 2, values: values)).preActivations[2]
        var low = [Float](repeating: .infinity, count: z.columns), high = [Float](repeating: -.infinity, count: z.columns)
        for r in 0..<z.rows { for t in 0..<z.columns { low[t] = min(low[t], z[r, t]); high[t] = max(high[t], z[r, t]) } }
        return (low, high)
    }

    @Test func splitBoundsAreSoundAndNeverLooserThanCROWN() async {
        await propertyCheck(count: 30, input: Gen.int(in: 0...1_000_000)) { seed in
            let network = try Self.network(seed: UInt64(seed))
            let symbolic = SymbolicBounds().bounds(of: network, on: -1...1)
            let split = SplitBounds(samples: 256).bounds(of: network, on: -1...1)
            let (low, high) = try Self.gridRange(network)
            for t in 0..<12 {
                #expect(split.upper[2][t] <= symbolic.upper[2][t] && split.lower[2][t] >= symbolic.lower[2][t])
                #expect(Double(high[t]) <= split.upper[2][t] + 1e-4 && Double(low[t]) >= split.lower[2][t] - 1e-4,
                        "seed \(seed), neuron \(t): grid [\(low[t]), \(high[t])], bounds [\(split.lower[2][t]), \(split.upper[2][t])]")
            }
        }
    }

    @Test("a time limit of 0 searches nothing: CROWN's bounds stay, and the candidates are counted")
    func timeLimit() throws {
        var counted = 0
        for seed in 0..<10 {
            let network = try Self.network(seed: UInt64(seed))
            let symbolic = SymbolicBounds().bounds(of: network, on: -1...1)
            let stopped = SplitBounds(samples: 256, timeLimit: 0).bounds(of: network, on: -1...1)
            let full = SplitBounds(samples: 256).bounds(of: network, on: -1...1)
            #expect(stopped.upper == symbolic.upper && stopped.lower == symbolic.lower, "seed \(seed)")
            #expect(full.unprovenAtTimeLimit == 0)
            counted += stopped.unprovenAtTimeLimit
        }
        #expect(counted > 0, "some candidates were left to search")
    }

    @Test func branchAndBoundProvesNeuronsCROWNLeavesUnstable() throws {
        var extra = 0, clearlyDead = 0, provedOfClearlyDead = 0
        for seed in 0..<40 {
            let network = try Self.network(seed: UInt64(seed))
            let symbolic = SymbolicBounds().bounds(of: network, on: -1...1)
            let split = SplitBounds(samples: 256).bounds(of: network, on: -1...1)
            let (_, high) = try Self.gridRange(network)
            for t in 0..<12 {
                if split.upper[2][t] <= 0 && symbolic.upper[2][t] > 0 { extra += 1 }
                if high[t] < -0.05 {
                    clearlyDead += 1
                    if split.upper[2][t] <= 0 { provedOfClearlyDead += 1 }
                }
            }
        }
        #expect(extra > 0, "branch and bound proved nothing beyond CROWN")
        // Neurons dead with a margin on the (nearly exhaustive) grid: branch and bound proves them.
        #expect(provedOfClearlyDead == clearlyDead, "\(provedOfClearlyDead) of \(clearlyDead) clearly dead neurons proved")
    }

    /// The trained 2x25 L1 network: an exact MILP proves 2 stably dead neurons and 1 stably
    /// active one in layer 2 (`papers/exact-collapse/milp-mlp-2x25-l1.json`); CROWN finds the
    /// dead ones only, branch and bound all three.
    @Test func trainedNetworkMatchesTheMILP() throws {
        let network = try ONNXModel.load(path: "papers/exact-collapse/models/mlp-2x25-l1.onnx").network
        let symbolic = SymbolicBounds().bounds(of: network, on: 0...1)
        let split = SplitBounds().bounds(of: network, on: 0...1)
        func counts(_ b: PreActivationBounds) -> (dead: Int, active: Int) {
            (b.upper[2].filter { $0 <= 0 }.count, b.lower[2].filter { $0 >= 0 }.count)
        }
        #expect(counts(symbolic) == (2, 0))
        #expect(counts(split) == (2, 1))
    }
}
