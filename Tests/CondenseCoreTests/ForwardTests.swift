import CondenseCore
import PropertyBased
import Testing

@Suite("Forward pass")
struct ForwardTests {
    static let activationSets: [[Activation]] = [[.relu], [.leakyRelu(alpha: 0.1), .tanh], [.sigmoid, .identity]]

    @Test("the BLAS forward pass equals the naive one, with and without skip connections")
    func matchesNaive() async {
        await propertyCheck(count: 30, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...2), Gen.bool()) { seed, set, skips in
            var random = RandomNetworks(seed: seed)
            let widths = [5, 7, 4, 6, 3]
            let network = try! random.network(widths: widths, activations: Self.activationSets[set], skips: skips)
            let batch = random.matrix(9, widths[0])
            let fast = try! network.forward(batch)
            for r in 0..<batch.rows {
                let slow = RandomNetworks.naiveForward(network, Array(batch.row(r)))
                for (a, b) in zip(fast.row(r), slow) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }
            }
        }
    }

    @Test("forwardAll keeps every layer's values and pre-activations")
    func keepsLayers() throws {
        var random = RandomNetworks(seed: 7)
        let network = try random.network(widths: [4, 6, 5, 2], activations: [.relu])
        let batch = random.matrix(3, 4)
        let all = try network.forwardAll(batch)
        #expect(all.values.map(\.columns) == [4, 6, 5, 2])
        for l in 1..<4 {
            #expect(all.values[l].values == all.preActivations[l].values.map { network.layers[l].activation($0) })
        }
        #expect(all.values[3] == (try network.forward(batch)))
    }

    @Test("a batch of the wrong width is refused")
    func wrongWidth() throws {
        var random = RandomNetworks(seed: 1)
        let network = try random.network(widths: [4, 3, 2], activations: [.relu])
        #expect(throws: CondenseError.self) { try network.forward(Matrix(rows: 2, columns: 5)) }
    }

    @Test("softmax rows sum to one; log-softmax is its logarithm")
    func outputTransforms() {
        var logits = Matrix(rows: 2, columns: 3, values: [1, 2, 3, -1000, 0, 1000])
        var logs = logits
        OutputTransform.softmax.apply(to: &logits)
        OutputTransform.logSoftmax.apply(to: &logs)
        for r in 0..<2 {
            #expect(abs(logits.row(r).reduce(0, +) - 1) < 1e-6)
            for c in 0..<3 { #expect(abs(logs[r, c] - (logits[r, c] > 0 ? log(logits[r, c]) : logs[r, c])) < 1e-5) }
        }
        #expect(logits[1, 2] == 1)
    }
}

import Foundation
