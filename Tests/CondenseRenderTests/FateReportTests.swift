import CondenseTestSupport
import CondenseCore
import Foundation
import Testing
@testable import CondenseRender

@Suite struct FateReportTests {
    @Test func readsTheRemovedListWrittenWithCodable() throws {
        let fates = [
            NeuronFate(neuron: NeuronID(layer: 1, index: 2), rule: .deadEnd),
            NeuronFate(neuron: NeuronID(layer: 1, index: 3), rule: .equivalent, partner: NeuronID(layer: 1, index: 0),
                       factor: 0.5, evidence: ["ratio": 0.5]),
        ]
        struct Report: Encodable { var mode = "exact"; var removed: [NeuronFate] }
        let data = try JSONEncoder().encode(Report(removed: fates))
        #expect(try FateReport.fates(from: data) == fates)
    }

    @Test func toleratesMissingEvidence() throws {
        let json = #"{"removed": [{"neuron": {"layer": 1, "index": 0}, "rule": "stable_dead"}]}"#
        let fates = try FateReport.fates(from: Data(json.utf8))
        #expect(fates == [NeuronFate(neuron: NeuronID(layer: 1, index: 0), rule: .stableDead)])
    }

    @Test func saysWhatIsMissing() {
        #expect(throws: CondenseError.invalidData(
            "report has no \"removed\" list of neuron fates; write one with condense simplify --report")) {
            try FateReport.fates(from: Data(#"{"before": {}}"#.utf8))
        }
        #expect(throws: CondenseError.self) {
            try FateReport.fates(from: Data(#"{"removed": [{"neuron": {"layer": 1, "index": 0}, "rule": "vanished"}]}"#.utf8))
        }
    }

    @Test func simplificationChecksTheModelsAgainstTheReport() throws {
        let before = try SeededNetworks.dense([4, 6, 2])
        let fate = NeuronFate(neuron: NeuronID(layer: 1, index: 1), rule: .deadEnd)
        let after = SeededNetworks.removing([fate.neuron], from: before)
        let simplification = try Simplification(before: before, after: after, fates: [fate])
        #expect(simplification.survivors[1] == [0, 2, 3, 4, 5])
        #expect(throws: CondenseError.self) { try Simplification(before: before, after: before, fates: [fate]) }
        let outside = NeuronFate(neuron: NeuronID(layer: 1, index: 9), rule: .deadEnd)
        #expect(throws: CondenseError.self) { try Simplification(before: before, after: nil, fates: [outside]) }
        #expect(throws: CondenseError.self) { try Simplification(before: before, after: nil, fates: [fate, fate]) }
    }
}

@Suite struct SimplificationShapeTests {
    @Test func modelsWithOtherLayersDoNotCompare() throws {
        let before = try SeededNetworks.dense([4, 6, 2])
        #expect(throws: CondenseError.self) { try Simplification(before: before, after: try SeededNetworks.dense([4, 6, 5, 2]), fates: []) }
        #expect(throws: CondenseError.self) { try Simplification(before: before, after: try SeededNetworks.dense([4, 6, 3]), fates: []) }
        let narrower = try Simplification(before: before, after: try SeededNetworks.dense([4, 3, 2]), fates: [])
        let drawing = LayerDrawing.make(before, simplification: narrower)
        #expect(drawing.scene.nodes.count == 3)
    }
}
