import CondenseCore
import Testing
@testable import CondenseLabels

@Suite struct HubLabelingTests {
    /// Hub answers for every pair against the DP, in one semiring.
    func mismatches<S: Semiring>(_ semiring: S.Type, _ graph: LayeredDAG) -> Int {
        let labels = HubLabeling<S>(graph: graph)
        let result = PathVerification.verify(S.self, graph: graph, pairs: TestGraphs.allPairs(graph.nodeCount)) {
            labels.query($0, $1)
        }
        return result.mismatches ?? -1
    }

    @Test(arguments: [false, true])
    func exactInEverySemiring(skip: Bool) throws {
        for seed: UInt64 in 1...3 {
            let graph = try TestGraphs.mixedWeightDAG(skip: skip, seed: seed)
            #expect(SeparatorTree(graph).hasSkipConnections == skip)
            #expect(mismatches(MinPlus.self, graph) == 0)
            #expect(mismatches(MaxTimes.self, graph) == 0)
            #expect(mismatches(SumTimes.self, graph) == 0)
            #expect(mismatches(PathNorm.self, graph) == 0)
            #expect(mismatches(BooleanSemiring.self, graph) == 0)
        }
    }

    @Test func skipConnectionsRemoveSpannedLayersFromTheSeparators() throws {
        let graph = try TestGraphs.mixedWeightDAG(skip: true, seed: 4)
        let tree = SeparatorTree(graph)
        // Skips from every layer l to l + 2: only the first and last layers stay cuts.
        #expect(tree.isCut == [true, false, false, false, true])
        #expect(tree.segments[2] == 1...3)
        let labels = HubLabeling<PathNorm>(graph: graph)
        for v in 0..<graph.nodeCount { #expect(labels.entries(of: v) <= labels.widthBound(of: v)) }
    }

    @Test func pathNormLabelsEqualTheProductOfAbsoluteWeightMatrices() throws {
        let network = try TestGraphs.network([7, 6, 5, 4], degree: 4)
        let graph = LayeredDAG(network)
        let labels = HubLabeling<PathNorm>(graph: graph)
        // P = |W3| |W2| |W1|, entry [output, input].
        var product = network.layers[1].inputs[0].weights.values.map { Double(abs($0)) }
        var rows = network.layers[1].width
        let inputs = network.inputWidth
        for l in 2..<network.layers.count {
            let w = network.layers[l].inputs[0].weights
            var next = [Double](repeating: 0, count: w.rows * inputs)
            for i in 0..<w.rows { for k in 0..<rows { for j in 0..<inputs {
                next[i * inputs + j] += Double(abs(w[i, k])) * product[k * inputs + j]
            } } }
            product = next
            rows = w.rows
        }
        let outputStart = graph.layerOffsets[network.layers.count - 1]
        for i in 0..<rows {
            for j in 0..<inputs {
                let expected = product[i * inputs + j]
                #expect(abs(labels.query(j, outputStart + i) - expected) <= 1e-9 * max(1, expected))
            }
        }
    }

    @Test func pathSumsEqualTheWeightProductWithSkipConnections() throws {
        let network = try TestGraphs.network([6, 5, 4, 5, 3], degree: 3, skip: 2, seed: 5)
        let graph = LayeredDAG(network)
        #expect(SeparatorTree(graph).hasSkipConnections)
        let signed = HubLabeling<SumTimes>(graph: graph), absolute = HubLabeling<PathNorm>(graph: graph)
        #expect(WeightProduct.maxRelativeError(network, absolute: false) { signed.query($0, $1) } < 1e-9)
        #expect(WeightProduct.maxRelativeError(network, absolute: true) { absolute.query($0, $1) } < 1e-9)
        // The two semirings differ, so the check can fail.
        #expect(WeightProduct.maxRelativeError(network, absolute: true) { signed.query($0, $1) } > 1e-3)
    }

    @Test func labelsOfADenseNetworkMeetTheWidthBound() throws {
        let network = try TestGraphs.network([8, 6, 3, 5], degree: 6)
        let labels = HubLabeling<MinPlus>(graph: LayeredDAG(network))
        // Dense: every hub is reachable, so the labels are exactly the bound.
        for v in 0..<labels.nodeCount { #expect(labels.entries(of: v) == labels.widthBound(of: v)) }
        // The narrowest layer (3 units, layer 2) is the root separator.
        #expect(labels.tree.chains[0].first == 2)
    }
}
