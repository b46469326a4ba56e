import CondenseTestSupport
import CondenseCore
import Foundation
import Testing
@testable import CondenseRender

@Suite struct LayerDrawingTests {
    @Test func oneBoxPerLayerAndOneArrowPerBlock() throws {
        var network = try SeededNetworks.dense([6, 5, 4, 3])
        network.addWeights(Matrix(rows: 3, columns: 5, repeating: 0.1), from: 1, into: 3)
        let drawing = LayerDrawing.make(network, options: DrawingOptions(modelName: "skip"))
        #expect(drawing.scene.engine == .dot)
        #expect(drawing.scene.graphAttributes["newrank"] == "true")
        let svg = try SVGDocument(drawing.render(.svg).data)
        #expect(svg.groups("node", "layer").count == 4)
        #expect(svg.groups("edge").count == 4)
        #expect(svg.groups("edge", "skip").count == 1)
        #expect(svg.allText.contains("N × 5"))
        #expect(svg.allText.contains("5 units · relu"))
    }

    @Test func simplificationShowsTheChangePerLayer() throws {
        let simplification = try CompareDrawingTests.simplification()
        let drawing = LayerDrawing.make(simplification.before, simplification: simplification)
        let svg = try SVGDocument(drawing.render(.svg).data)
        #expect(svg.allText.contains("8 → 6 units · relu"))
        #expect(svg.allText.contains("removed: dead_end 1, equivalent 1"))
    }

    @Test func autoLevelFollowsTheSize() throws {
        let small = try SeededNetworks.dense([4, 3, 2])
        #expect(RenderLevel.auto.resolved(for: small) == .neuron)
        #expect(RenderLevel.layer.resolved(for: small) == .layer)
    }
}
