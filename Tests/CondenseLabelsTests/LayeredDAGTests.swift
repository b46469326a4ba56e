import CondenseCore
import Testing
@testable import CondenseLabels

@Suite struct LayeredDAGTests {
    @Test func edgeListMatchesTheNetworkCSR() throws {
        let generator = RandomLayeredNetwork(widths: [5, 4, 6, 3], outDegree: 2, skipDegree: 1, seed: 9)
        let fromEdges = try generator.graph()
        let fromNetwork = LayeredDAG(try generator.network())
        #expect(fromEdges.outOffsets == fromNetwork.outOffsets)
        #expect(fromEdges.outTargets == fromNetwork.outTargets)
        #expect(fromEdges.outWeights == fromNetwork.outWeights)
        #expect(fromEdges.inSources == fromNetwork.inSources)
        #expect(fromEdges.bias == fromNetwork.bias)
        #expect(fromEdges.edgeCount == generator.edgeCount)
    }

    @Test func rejectsEdgesThatDoNotGoForward() {
        #expect(throws: CondenseError.self) {
            try LayeredDAG(layerWidths: [2, 2], sources: [2], targets: [0], weights: [1])
        }
        #expect(throws: CondenseError.self) {
            try LayeredDAG(layerWidths: [2, 2], sources: [0], targets: [1], weights: [1])
        }
        #expect(throws: CondenseError.self) {
            try LayeredDAG(layerWidths: [2, 2], sources: [0], targets: [2], weights: [0])
        }
    }

    @Test func magnitudePruningZeroesTheSmallestFractionOfEachBlock() throws {
        let network = try TestGraphs.network([10, 10, 10], degree: 10)
        let pruned = try MagnitudePruning.pruned(network, fraction: 0.9)
        for l in 1..<3 { #expect(pruned.layers[l].inputs[0].weights.nonzeroCount == 10) }
        #expect(throws: CondenseError.self) { try MagnitudePruning.pruned(network, fraction: 1) }
    }
}
