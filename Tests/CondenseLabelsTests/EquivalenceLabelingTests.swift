import CondenseCore
import Testing
@testable import CondenseLabels

@Suite struct EquivalenceLabelingTests {
    /// A network where L1:3 = 2.5 · L1:0 (scaled duplicate), and L2:1 reads L1:0 as L2:0 reads L1:3
    /// scaled back (bisimilar through the equivalent pair).
    func plantedNetwork() throws -> Network {
        var network = try TestGraphs.network([6, 5, 4, 3], degree: 5, seed: 4)
        var w1 = network.layers[1].inputs[0].weights
        for j in 0..<w1.columns { w1[3, j] = 2.5 * w1[0, j] }
        network.layers[1].bias[3] = 2.5 * network.layers[1].bias[0]
        network.layers[1].inputs[0].weights = w1
        var w2 = network.layers[2].inputs[0].weights
        for j in 0..<w2.columns { w2[0, j] = 0; w2[1, j] = 0 }
        w2[0, 3] = 1       // L2:0 = relu(out(L1:3) + b) = relu(2.5 out(L1:0) + b)
        w2[1, 0] = 2.5     // L2:1 = relu(2.5 out(L1:0) + b)
        network.layers[2].bias[1] = network.layers[2].bias[0]
        network.layers[2].inputs[0].weights = w2
        return network
    }

    @Test func scaledDuplicatesAndBisimilarNeuronsShareLabels() throws {
        let network = try plantedNetwork()
        let graph = NeuronGraph(network)
        let labels = try EquivalenceLabeling(graph: graph)
        let u = graph.node(NeuronID(layer: 1, index: 3)), v = graph.node(NeuronID(layer: 1, index: 0))
        let factor = try #require(labels.query(u, v))
        #expect(abs(factor - 2.5) < 1e-6)
        let a = graph.node(NeuronID(layer: 2, index: 0)), b = graph.node(NeuronID(layer: 2, index: 1))
        #expect(labels.label(of: a).block == labels.label(of: b).block)
        #expect(labels.query(graph.node(NeuronID(layer: 1, index: 1)), v) == nil)
    }

    @Test func verificationFindsNoMismatch() throws {
        let network = try plantedNetwork()
        let labels = try EquivalenceLabeling(graph: NeuronGraph(network))
        let result = try labels.verify(network: network, count: 200)
        #expect(result.mismatches == 0)
        #expect(result.error.max < 1e-3)
    }
}
