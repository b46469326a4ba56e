import CondenseCollapse
import CondenseCore
import CondenseLabels
import Testing

@Suite("Equivalence partition (hashing and forward bisimulation)")
struct EquivalencePartitionTests {
    /// 2 inputs -> 4 hidden (h1 = 2 h0, h3 = h0 exactly; h2 unrelated) -> 2 outputs.
    func scaledCopies(_ activation: Activation) throws -> Network {
        try Network(layers: [
            .input(width: 2),
            TestNetworks.dense([[1, -2], [0.5, 1], [2, -4], [1, -2]], bias: [0.5, 0, 1, 0.5], from: 0,
                               activation: activation),
            TestNetworks.dense([[1, 2, 3, 4], [0, 1, 0, 1]], bias: [0, 0], from: 1, activation: .identity),
        ])
    }

    @Test func scaledCopiesShareABlockWithTheirFactor() throws {
        let graph = NeuronGraph(try scaledCopies(.relu))
        let p = try EquivalencePartition(graph)
        let h = graph.layerOffsets[1]
        #expect(p.representative(of: h + 2) == h)
        #expect(p.representative(of: h + 3) == h)
        #expect(p.representative(of: h + 1) == h + 1)
        #expect(abs(p.factor[h + 2] - 2) < 1e-12)
        #expect(abs(p.factor[h + 3] - 1) < 1e-12)
        #expect(p.relation(h + 2, h + 3).map { abs($0 - 2) < 1e-12 } == true)
        #expect(p.mergeableCount == 2)
    }

    @Test(arguments: [Activation.sigmoid, .tanh])
    func nonHomogeneousActivationsMergeOnlyEqualSignatures(_ activation: Activation) throws {
        let graph = NeuronGraph(try scaledCopies(activation))
        let p = try EquivalencePartition(graph)
        let h = graph.layerOffsets[1]
        #expect(p.representative(of: h + 3) == h)
        #expect(p.representative(of: h + 2) == h + 2)
    }

    /// Hidden 1 has h1 = 3 h0; in hidden 2, g0 reads (2, 0) and g1 reads (-1, 1) from
    /// (h0, h1): raw weights differ, block sums 2 and -1 + 3 = 2 agree.
    @Test func refinementFindsNeuronsReadingEquivalentUpstreamNeurons() throws {
        let network = try Network(layers: [
            .input(width: 2),
            TestNetworks.dense([[1, -1], [3, -3]], bias: [0.2, 0.6], from: 0),
            TestNetworks.dense([[2, 0], [-1, 1]], bias: [0.1, 0.1], from: 1),
            TestNetworks.dense([[1, 1]], bias: [0], from: 2, activation: .identity),
        ])
        let graph = NeuronGraph(network)
        let g = graph.layerOffsets[2]
        let refined = try EquivalencePartition(graph)
        let raw = try EquivalencePartition(graph, refining: false)
        #expect(refined.representative(of: g + 1) == g)
        #expect(raw.representative(of: g + 1) == g + 1)
        #expect(refined.blockCount == raw.blockCount - 1)
    }

    @Test func neighbouringBucketsCatchMatchesAcrossABoundary() throws {
        // Perturbations within the tolerance must all land in one block, whatever the buckets.
        var rows: [[Float]] = []
        for k in 0..<40 { rows.append([1 + Float(k) * 2e-8, -0.5, 0.25 - Float(k) * 1e-8]) }
        let network = try Network(layers: [
            .input(width: 3),
            TestNetworks.dense(rows, bias: [Float](repeating: 0.1, count: 40), from: 0),
            TestNetworks.dense([[Float](repeating: 1, count: 40)], bias: [0], from: 1, activation: .identity),
        ])
        let p = try EquivalencePartition(NeuronGraph(network), tolerance: 1e-6)
        #expect(p.blockCount == 3 + 1 + 1)
    }

    @Test func rejectsABadTolerance() throws {
        let graph = NeuronGraph(try scaledCopies(.relu))
        #expect(throws: CondenseError.self) { try EquivalencePartition(graph, tolerance: -1) }
        #expect(throws: CondenseError.self) { try EquivalencePartition(graph, tolerance: .nan) }
    }
}
