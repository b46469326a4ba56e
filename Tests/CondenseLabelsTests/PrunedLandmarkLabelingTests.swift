import CondenseCore
import Testing
@testable import CondenseLabels

@Suite struct PrunedLandmarkLabelingTests {
    @Test(arguments: VertexOrder.allCases)
    func equalsDijkstraWithNegativeLengths(order: VertexOrder) throws {
        for skip in [false, true] {
            let graph = try TestGraphs.mixedWeightDAG(skip: skip, seed: 7)
            #expect(graph.outWeights.contains { abs($0) > 1 })  // some lengths -ln|w| < 0
            let labels = PrunedLandmarkLabeling<MinPlus>(graph: graph, order: order, seed: 3)
            var dijkstra = Dijkstra<MinPlus>(graph: graph)
            for u in 0..<graph.nodeCount {
                for v in 0..<graph.nodeCount {
                    let (agree, _) = agreement(labels.query(u, v), dijkstra.value(from: u, to: v))
                    #expect(agree, "pair \(u) -> \(v)")
                }
            }
        }
    }

    @Test func exactForStrongestPathsAndReachability() throws {
        let graph = try TestGraphs.mixedWeightDAG(skip: true, seed: 8)
        let pairs = TestGraphs.allPairs(graph.nodeCount)
        let strongest = PrunedLandmarkLabeling<MaxTimes>(graph: graph)
        let reach = PrunedLandmarkLabeling<BooleanSemiring>(graph: graph, order: .degree)
        #expect(PathVerification.verify(MaxTimes.self, graph: graph, pairs: pairs) { strongest.query($0, $1) }.mismatches == 0)
        #expect(PathVerification.verify(BooleanSemiring.self, graph: graph, pairs: pairs) { reach.query($0, $1) }.mismatches == 0)
    }

    @Test func answersFromLabelsAloneMatchTheFlatQuery() throws {
        let graph = try TestGraphs.mixedWeightDAG(skip: false, seed: 9)
        let labels = PrunedLandmarkLabeling<MinPlus>(graph: graph)
        for u in 0..<graph.nodeCount {
            for v in 0..<graph.nodeCount {
                let fromLabels = PrunedLandmarkLabeling<MinPlus>.answer(labels.label(of: u), labels.label(of: v))
                #expect(fromLabels == labels.query(u, v))
            }
        }
    }

    @Test func pruningKeepsLabelsBelowTheTrivialSize() throws {
        let graph = try RandomLayeredNetwork(widths: [30, 30, 5, 30, 30], outDegree: 4, seed: 2).graph()
        let labels = PrunedLandmarkLabeling<MinPlus>(graph: graph, order: .bottleneck)
        let sizes = LabelSizes(labels)
        // Without pruning every node would store every node it reaches or is reached from.
        #expect(sizes.entriesMean < Double(graph.nodeCount) / 4)
    }
}
