import CondenseCore
import Testing
@testable import CondenseLabels

@Suite struct ReachabilityLabelingTests {
    @Test func reachesEqualsBreadthFirstSearch() throws {
        var blocked = 0
        for seed: UInt64 in 1...3 {
            let graph = try LayeredDAG(MagnitudePruning.pruned(TestGraphs.network(skip: 1, seed: seed), fraction: 0.75))
            let labels = try ReachabilityLabeling(graph: graph, traversals: 2, seed: seed)
            let result = labels.verify(pairs: TestGraphs.allPairs(graph.nodeCount))
            #expect(result.mismatches == 0)
            #expect(result.notes["label_only_fraction", default: 0] > 0.5)
            // Dead ends and unreachable neurons against the DP from every node.
            let values = PathValues.outEdgeValues(BooleanSemiring.self, graph)
            let reach = (0..<graph.nodeCount).map {
                PathValues.fromSource(BooleanSemiring.self, graph, edgeValues: values, source: $0)
            }
            let outputs = graph.layerOffsets[graph.layerCount - 1]..<graph.nodeCount
            let inputs = 0..<graph.layerOffsets[1]
            #expect(labels.deadEnds() == (0..<graph.nodeCount).filter { v in !outputs.contains { reach[v][$0] == 1 } })
            #expect(labels.unreachable() == (0..<graph.nodeCount).filter { v in !inputs.contains { reach[$0][v] == 1 } })
            blocked += labels.deadEnds().count + labels.unreachable().count
        }
        #expect(blocked > 0)  // the pruning leaves some, so the comparison means something
    }

    @Test func findsPlantedDeadEndsAndUnreachableNeurons() throws {
        var network = try TestGraphs.network([6, 5, 5, 3], degree: 5)
        // L1:2 feeds nothing; L2:4 is fed by nothing.
        for c in network.layers[2].inputs.indices where network.layers[2].inputs[c].source == 1 {
            for i in 0..<network.layers[2].width { network.layers[2].inputs[c].weights[i, 2] = 0 }
        }
        for c in network.layers[2].inputs.indices {
            for j in 0..<network.layers[2].inputs[c].weights.columns { network.layers[2].inputs[c].weights[4, j] = 0 }
        }
        let graph = LayeredDAG(network)
        let labels = try ReachabilityLabeling(graph: graph)
        let dead = labels.deadEnds().map(graph.neuron)
        let unreachable = labels.unreachable().map(graph.neuron)
        #expect(dead == [NeuronID(layer: 1, index: 2)])
        #expect(unreachable == [NeuronID(layer: 2, index: 4)])
        let negatives = labels.labelOnlyNegatives()
        #expect(negatives.deadEnds <= 1 && negatives.unreachable <= 1)
    }
}
