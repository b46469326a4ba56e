import CondenseTestSupport
import CondenseCore
import Testing
@testable import CondenseRender

@Suite struct EdgeSelectionTests {
    @Test func topKKeepsEachNeuronsStrongestInputs() throws {
        let network = try SeededNetworks.dense([12, 5, 3])
        let graph = NeuronGraph(network)
        let selection = EdgeSelection(graph: graph, thinning: .topK(4))
        #expect(selection.count == 5 * 4 + 3 * 4)
        for v in graph.layerOffsets[1]..<graph.nodeCount {
            let kept = (0..<selection.count).filter { Int(selection.targets[$0]) == v }.map { abs(selection.weights[$0]) }
            let all = graph.inEdges(v).map { abs(graph.inWeights[$0]) }.sorted(by: >)
            #expect(kept.sorted(by: >) == Array(all.prefix(4)))
        }
    }

    @Test func budgetResolvesToTheLargestKThatFits() throws {
        let network = try SeededNetworks.dense([20, 10, 4])
        let graph = NeuronGraph(network)
        let selection = EdgeSelection(graph: graph, thinning: .maxEdges(100))
        // k = 7: 10*7 + 4*7 = 98 <= 100; k = 8 would give 112.
        #expect(selection.applied == .topK(7))
        #expect(selection.count == 98)
        #expect(selection.totalCount == 240)
        #expect(selection.summary.contains("98 of 240 edges"))
    }

    @Test func budgetBelowOneEdgePerNeuronKeepsTheGloballyStrongest() throws {
        let network = try SeededNetworks.dense([6, 8, 3])
        let graph = NeuronGraph(network)
        let selection = EdgeSelection(graph: graph, thinning: .maxEdges(5))
        #expect(selection.count == 5)
        let weakestKept = selection.weights.map(abs).min() ?? 0
        let strongerDropped = graph.inWeights.map(abs).filter { $0 > weakestKept }.count
        #expect(strongerDropped == 4)
    }

    @Test func thresholdAndAll() throws {
        let network = try SeededNetworks.dense([6, 4, 2])
        let graph = NeuronGraph(network)
        let all = EdgeSelection(graph: graph, thinning: .all)
        #expect(all.count == graph.edgeCount)
        let strong = EdgeSelection(graph: graph, thinning: .threshold(0.5))
        #expect(strong.count == graph.inWeights.filter { abs($0) >= 0.5 }.count)
        #expect(strong.weights.allSatisfy { abs($0) >= 0.5 })
    }

    @Test func minimumSourceLeavesOutTheInputEdges() throws {
        let network = try SeededNetworks.dense([9, 4, 2])
        let graph = NeuronGraph(network)
        let selection = EdgeSelection(graph: graph, thinning: .all, minimumSource: graph.layerOffsets[1])
        #expect(selection.count == 4 * 2)
        #expect(selection.sources.allSatisfy { Int($0) >= graph.layerOffsets[1] })
    }
}
