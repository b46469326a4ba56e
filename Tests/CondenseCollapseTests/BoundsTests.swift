import CondenseCollapse
import CondenseCore
import CondenseLabels
import PropertyBased
import Testing

@Suite("Interval and symbolic (CROWN) bounds")
struct BoundsTests {
    /// Every sampled pre-activation lies inside the bounds (up to float rounding).
    func contains(_ bounds: PreActivationBounds, _ network: Network, domain: ClosedRange<Float>, seed: UInt64) throws
        -> Bool
    {
        let batch = TestNetworks.points(network, count: 256, domain: domain, seed: seed)
        let all = try network.forwardAll(batch)
        for l in network.hiddenLayers {
            let z = all.preActivations[l]
            for r in 0..<z.rows {
                for i in 0..<z.columns {
                    let v = Double(z[r, i])
                    let slack = 1e-4 * (1 + abs(v))
                    if v < bounds.lower[l][i] - slack || v > bounds.upper[l][i] + slack { return false }
                }
            }
        }
        return true
    }

    /// A random network with a skip connection from the input into the second hidden layer.
    func skipNetwork(seed: UInt64, activation: Activation) throws -> Network {
        var network = try PlantedRedundancy(widths: [5, 7, 6, 6, 2], activation: activation,
                                            counts: [[:], [:], [:]], domain: -1...1, seed: seed).generate().network
        var rng = SplitMix64(seed: seed)
        let skip = Matrix(rows: 6, columns: 5, values: (0..<30).map { _ in Float(rng.nextGaussian()) * 0.3 })
        network.addWeights(skip, from: 0, into: 2)
        network.addWeights(Matrix(rows: 6, columns: 7, repeating: 0.05), from: 1, into: 3)
        return network
    }

    @Test(arguments: [Activation.relu, .leakyRelu(alpha: 0.3), .sigmoid, .tanh])
    func boundsAreSoundAndSymbolicIsTighter(_ activation: Activation) async {
        await propertyCheck(count: 15, input: Gen.int(in: 0...1_000_000)) { seed in
            let network = try skipNetwork(seed: UInt64(seed), activation: activation)
            let interval = IntervalBounds().bounds(of: network, on: -1...1)
            let symbolic = SymbolicBounds().bounds(of: network, on: -1...1)
            #expect(try contains(interval, network, domain: -1...1, seed: UInt64(seed)))
            #expect(try contains(symbolic, network, domain: -1...1, seed: UInt64(seed)))
            for l in network.hiddenLayers {
                for i in 0..<network.layers[l].width {
                    #expect(symbolic.lower[l][i] >= interval.lower[l][i] && symbolic.upper[l][i] <= interval.upper[l][i])
                }
            }
        }
    }

    @Test func symbolicBoundsBeatIntervalsWhereCancellationMatters() throws {
        // h0 = relu(x), h1 = relu(x) + ... ; z = h0 - h1 is exactly 0 - 0.5 x on x >= 0:
        // intervals lose the correlation, back-substitution keeps it.
        let network = try Network(layers: [
            .input(width: 1),
            TestNetworks.dense([[1], [1.5]], bias: [0, 0], from: 0),
            TestNetworks.dense([[1, -1]], bias: [0], from: 1),
            TestNetworks.dense([[1]], bias: [0], from: 2, activation: .identity),
        ])
        let interval = IntervalBounds().bounds(of: network, on: 0...1)
        let symbolic = SymbolicBounds().bounds(of: network, on: 0...1)
        #expect(interval.upper[2][0] == 1)
        #expect(abs(symbolic.upper[2][0]) < 1e-12)
        #expect(abs(symbolic.lower[2][0] + 0.5) < 1e-12)
    }

    @Test func unstableReluRelaxationIsTheTriangle() throws {
        // z in [-1, 3]: upper chord 0.75 z + 0.75 reaches 3; lower slope 1 (u > -l) gives
        // -1, which the interval bound relu(z) >= 0 beats.
        let network = try Network(layers: [
            .input(width: 1),
            TestNetworks.dense([[2]], bias: [-1], from: 0),
            TestNetworks.dense([[1]], bias: [0], from: 1),
            TestNetworks.dense([[1]], bias: [0], from: 2, activation: .identity),
        ])
        let symbolic = SymbolicBounds().bounds(of: network, on: 0...2)
        #expect(symbolic.lower[1] == [-1] && symbolic.upper[1] == [3])
        #expect(abs(symbolic.upper[2][0] - 3) < 1e-12)
        #expect(symbolic.lower[2][0] == 0)
    }
}
