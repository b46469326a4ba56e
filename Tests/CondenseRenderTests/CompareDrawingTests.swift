import CondenseTestSupport
import CondenseCore
import Foundation
import Testing
@testable import CondenseRender

@Suite struct CompareDrawingTests {
    /// A 4-8-5-2 network, three hidden neurons removed by three kinds of rule.
    static func simplification() throws -> Simplification {
        let before = try SeededNetworks.dense([4, 8, 5, 2])
        let fates = [
            NeuronFate(neuron: NeuronID(layer: 1, index: 1), rule: .deadEnd),
            NeuronFate(neuron: NeuronID(layer: 1, index: 4), rule: .equivalent, partner: NeuronID(layer: 1, index: 6), factor: 0.5),
            NeuronFate(neuron: NeuronID(layer: 2, index: 0), rule: .stableLinear),
        ]
        let after = SeededNetworks.removing(fates.map(\.neuron), from: before)
        return try Simplification(before: before, after: after, fates: fates)
    }

    @Test(arguments: [CompareStyle.sideBySide, .stacked])
    func twoPanelsMarkRemovedMergedAndFoldedNeurons(_ arrangement: CompareStyle) throws {
        let drawing = try CompareDrawing.make(try Self.simplification(), style: arrangement,
                                              options: DrawingOptions(modelName: "toy"))
        let svg = try SVGDocument(drawing.render(.svg).data)
        // Before: 19 neurons; after: 16.
        #expect(svg.groups("neuron").count == 19 + 16)
        #expect(svg.groups("neuron").filter { $0.id.hasPrefix("after_") }.count == 16)
        #expect(svg.groups("removed").map(\.id).sorted() == ["L1_1", "L1_4", "L2_0"])
        #expect(svg.group(id: "L1_1")?.classes.contains("dead_end") == true)
        #expect(svg.group(id: "L1_4")?.classes.contains("merged") == true)
        #expect(svg.group(id: "L2_0")?.classes.contains("folded") == true)
        #expect(svg.group(id: "L1_6")?.classes.contains("partner") == true)
        // After-panel ids keep the original addresses: L1_1 and L1_4 are gone.
        #expect(svg.group(id: "after_L1_5") != nil && svg.group(id: "after_L1_4") == nil)
        #expect(svg.group(id: "merge_L1_4")?.classes.contains("merge-link") == true)
        #expect(svg.allText.contains("×0.5"))
        #expect(svg.groups("merge").count == 2)
        #expect(svg.group(id: "legend") != nil)
        #expect(svg.allText.contains("19 → 16"))
        #expect(svg.allText.contains("3 removed: dead_end 1, equivalent 1, stable_linear 1"))
        #expect(svg.group(id: "caption") != nil && svg.group(id: "after_caption") != nil)
    }

    @Test func overlayDrawsTheSimplifiedEdgesAtTheOriginalPositions() throws {
        let simplification = try Self.simplification()
        let drawing = try CompareDrawing.make(simplification, style: .overlay)
        let svg = try SVGDocument(drawing.render(.svg).data)
        #expect(svg.groups("neuron").count == 19)
        #expect(svg.groups("removed").count == 3)
        // The simplified network's edges plus the two segments of the merge link.
        #expect(svg.groups("edge").count == simplification.after!.edgeCount + 2)
        #expect(svg.groups("removed-edge").isEmpty)
    }

    @Test func reportWithoutSimplifiedModelGreysTheRemovedNeuronsEdges() throws {
        let full = try Self.simplification()
        let simplification = try Simplification(before: full.before, after: nil, fates: full.fates)
        let drawing = try CompareDrawing.make(simplification)
        let svg = try SVGDocument(drawing.render(.svg).data)
        #expect(svg.groups("neuron").count == 19)
        // Edges into or out of L1_1, L1_4 and L2_0: (4 + 5) * 2 + (8 + 2), less the two
        // edges L1_1 -> L2_0 and L1_4 -> L2_0 counted twice.
        #expect(svg.groups("removed-edge").count == 26)
        #expect(svg.allText.contains("edges of removed neurons"))
    }
}

@Suite struct ManyMergesTests {
    @Test func beyondTheLimitLinksLoseTheirLabelsButKeepTheirIds() throws {
        let before = try SeededNetworks.dense([4, 40, 2])
        let merged = (0..<20).map {
            NeuronFate(neuron: NeuronID(layer: 1, index: 2 * $0 + 1), rule: .approximateMerge,
                       partner: NeuronID(layer: 1, index: 2 * $0), factor: 0.25)
        }
        let after = SeededNetworks.removing(merged.map(\.neuron), from: before)
        let drawing = try CompareDrawing.make(try Simplification(before: before, after: after, fates: merged))
        let svg = try SVGDocument(drawing.render(.svg).data)
        #expect(svg.groups("merge-link").count == 20)
        #expect(svg.groups("merged", "approx_merge").count == 20)
        #expect(svg.groups("partner").filter { !$0.id.hasPrefix("after_") }.count == 20)
        #expect(!svg.allText.contains("×0.25"))
        #expect(svg.allText.contains("factors in tooltips"))
    }
}
