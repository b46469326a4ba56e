import CondenseCore
import Foundation
import Testing
@testable import CondenseRender

@Suite struct NeuronValuesTests {
    @Test func numbersByAddressAndByLayer() throws {
        let json = #"{"name": "importance", "values": {"L1:2": 0.5}, "layers": [null, [1, 2], [3]]}"#
        let values = try NeuronValues.load(json: Data(json.utf8))
        #expect(values.name == "importance")
        #expect(values.kind == .continuous)
        #expect(values.number(NeuronID(layer: 1, index: 0)) == 1)
        #expect(values.number(NeuronID(layer: 1, index: 2)) == 0.5)
        #expect(values.number(NeuronID(layer: 2, index: 0)) == 3)
        #expect(values.number(NeuronID(layer: 0, index: 0)) == nil)
        #expect(values.coveredLayers == [1, 2])
    }

    @Test func stringsAndFlaggedIntegersAreClasses() throws {
        let words = try NeuronValues.load(json: Data(#"{"values": {"L1:0": "stable_dead", "L1:1": "unstable"}}"#.utf8))
        #expect(words.kind == .categorical)
        #expect(words.classes == ["stable_dead", "unstable"])
        let digits = try NeuronValues.load(json: Data(#"{"categorical": true, "layers": [null, [10, 2, 2]]}"#.utf8))
        #expect(digits.classes == ["2", "10"])
        #expect(digits.code(NeuronID(layer: 1, index: 0)) == 1)
    }

    @Test(arguments: [
        #"[1, 2]"#,
        #"{"name": "x"}"#,
        #"{"values": {"neuron 3": 1}}"#,
        #"{"values": {"L1:0": 1, "L1:1": "a"}}"#,
        #"{"values": {"L1:0": true, "L1:1": [1]}}"#,
        "not json",
    ])
    func malformedFilesAreClearErrors(_ json: String) {
        #expect(throws: CondenseError.self) { try NeuronValues.load(json: Data(json.utf8)) }
    }

    @Test func farAddressesAreRefusedBeforeAnythingIsSizedByThem() {
        let far = Data(#"{"values": {"L1:999999999999": 1}}"#.utf8)
        #expect(throws: CondenseError.self) { try NeuronValues.load(json: far) }
        let near = Data(#"{"values": {"L1:5": 1}}"#.utf8)
        #expect(throws: CondenseError.self) { try NeuronValues.load(json: near, widths: [3, 4, 2]) }
        #expect((try? NeuronValues.load(json: near, widths: [3, 6, 2])) != nil)
    }

    @Test func valuesOutsideTheNetworkAreRejected() throws {
        let values = NeuronValues(name: "v", values: [NeuronID(layer: 1, index: 7): 1])
        #expect(throws: CondenseError.self) { try values.validate(widths: [4, 5, 2]) }
        #expect(throws: CondenseError.self) { try values.validate(widths: [4]) }
        try values.validate(widths: [4, 8, 2])
    }

    @Test func divergingAroundZeroAndSequentialOtherwise() {
        let style = Theme.screen.style
        let signed = NeuronColoring(values: NeuronValues(name: "b", layers: [[], [-2, 0, 1]]), style: style)
        #expect(signed.diverging)
        #expect(signed.fill(NeuronID(layer: 1, index: 1)) == style.palette.diverging(0))
        #expect(signed.fill(NeuronID(layer: 1, index: 0)) == style.palette.diverging[0])
        let positive = NeuronColoring(values: NeuronValues(name: "p", layers: [[], [1, 3]]), style: style)
        #expect(!positive.diverging)
        #expect(positive.fill(NeuronID(layer: 1, index: 1)) == style.palette.sequential.last)
    }

    @Test func keepingFollowsTheSurvivors() {
        let values = NeuronValues(name: "v", layers: [[], [10, 11, 12, 13]])
        let kept = values.keeping([[], [1, 3]])
        #expect(kept.number(NeuronID(layer: 1, index: 0)) == 11)
        #expect(kept.number(NeuronID(layer: 1, index: 1)) == 13)
    }
}
