import CondenseCore
import Testing
@testable import CondenseLabels

@Suite struct SketchLabelingTests {
    @Test func estimatesCosineWithinTheSimHashErrorOnAverage() throws {
        let graph = LayeredDAG(try TestGraphs.network([40, 30, 30, 10], degree: 20))
        let labels = try SketchLabeling(graph: graph, bits: 512)
        let pairs = PairSample.random(layerOffsets: graph.layerOffsets, count: 400, domain: .sameLayer, seed: 5)
        let result = labels.verify(pairs: pairs, graph: graph)
        #expect(result.checked > 200)  // input neurons have no incoming signature
        // Angle standard error <= π·0.5/sqrt(512) ≈ 0.07 rad, so the cosine error is below that.
        #expect(result.error.mean < 0.06)
        #expect(abs(result.notes["mean_signed_error", default: 1]) < 0.03)
    }

    @Test func lshProposesPlantedNearDuplicatesWithoutAllPairs() throws {
        var network = try TestGraphs.network([50, 60, 10], degree: 25, seed: 3)
        // Units 0..9 of layer 1 get scaled, slightly perturbed copies in units 10..19.
        var w = network.layers[1].inputs[0].weights
        for i in 0..<10 {
            for j in 0..<w.columns { w[10 + i, j] = 1.7 * w[i, j] + (j == i ? 0.01 : 0) }
            network.layers[1].bias[10 + i] = 1.7 * network.layers[1].bias[i]
        }
        network.layers[1].inputs[0].weights = w
        let graph = LayeredDAG(network)
        let labels = try SketchLabeling(graph: graph, bits: 256, seed: 11)
        let candidates = try labels.candidatePairs(bands: 16, minimumSimilarity: 0.9)
        let found = Set(zip(candidates.first, candidates.second).map { [Int($0), Int($1)] })
        let first = graph.layerOffsets[1]
        for i in 0..<10 { #expect(found.contains([first + i, first + 10 + i])) }
        let sameLayerPairs = [50, 60, 10].reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        #expect(candidates.count < sameLayerPairs / 4)
    }

    @Test func activationSketchesGroupProportionalColumns() throws {
        var rng = SplitMix64(seed: 1)
        var values = Matrix(rows: 64, columns: 8)
        for s in 0..<64 { for c in 0..<4 { values[s, c] = Float(rng.nextGaussian()) } }
        for s in 0..<64 { for c in 4..<8 { values[s, c] = 3 * values[s, c - 4] } }
        let labels = try SketchLabeling(activations: [values], bits: 128)
        for c in 0..<4 { #expect(labels.query(c, c + 4) == 1) }
        #expect(labels.query(0, 1).map { $0 < 0.9 } ?? false)
        if case .category(let name)? = labels.labelClasses()[4] { #expect(name == "group L0:0") } else { Issue.record("no class") }
    }

    @Test func rejectsBadSizes() throws {
        let graph = LayeredDAG(try TestGraphs.network())
        #expect(throws: CondenseError.self) { try SketchLabeling(graph: graph, bits: 0) }
        let labels = try SketchLabeling(graph: graph, bits: 64)
        #expect(throws: CondenseError.self) { try labels.candidatePairs(bands: 65) }
    }
}
