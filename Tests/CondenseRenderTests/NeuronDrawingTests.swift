import CondenseTestSupport
import CondenseCore
import Foundation
import Testing
@testable import CondenseRender

@Suite struct NeuronDrawingTests {
    @Test func everyNeuronIsOneNodeWithItsAddress() throws {
        let network = try SeededNetworks.dense([5, 7, 3])
        let drawing = try NeuronDrawing.make(network, options: DrawingOptions(modelName: "tiny"))
        let svg = try SVGDocument(drawing.render(.svg).data)
        #expect(svg.rootName == "svg")
        #expect(svg.groups("node", "neuron").count == 15)
        #expect(svg.groups("node", "neuron", "hidden").count == 7)
        #expect(svg.groups("node", "neuron", "output").count == 3)
        #expect(svg.group(id: "L1_6")?.classes.contains("hidden") == true)
        #expect(svg.groups("edge").count == network.edgeCount)
        #expect(svg.group(id: "legend")?.classes.contains("legend") == true)
        #expect(svg.allText.contains("tiny: 5-7-3, 15 neurons, 56 edges"))
        #expect(svg.allText.contains("all 56 edges"))
    }

    @Test func thinningIsStatedInTheLegend() throws {
        let network = try SeededNetworks.dense([16, 10, 4])
        let drawing = try NeuronDrawing.make(network, options: DrawingOptions(thinning: .topK(3)))
        #expect(drawing.drawnEdges == 14 * 3)
        let svg = try SVGDocument(drawing.render(.svg).data)
        #expect(svg.groups("edge").count == 42)
        #expect(svg.allText.contains("42 of 200 edges: top 3 inputs per neuron by |w|"))
    }

    @Test func squareInputIsAGridAndOtherWideInputsABlock() throws {
        let grid = try NeuronDrawing.make(try SeededNetworks.dense([81, 4, 2]))
        let gridSVG = try SVGDocument(grid.render(.svg).data)
        #expect(gridSVG.groups("neuron", "input").count == 81)
        #expect(gridSVG.allText.contains("9 × 9"))

        let block = try NeuronDrawing.make(try SeededNetworks.dense([70, 4, 2]))
        let blockSVG = try SVGDocument(block.render(.svg).data)
        #expect(blockSVG.groups("neuron", "input").count == 1)
        #expect(blockSVG.group(id: "L0_block") != nil)
        // One summed edge from the block into each first-layer neuron, plus 4 x 2.
        #expect(blockSVG.groups("edge").count == 4 + 8)
    }

    @Test func colouringHookFillsByAnyValue() throws {
        let network = try SeededNetworks.dense([3, 4, 2])
        let values = NeuronValues(name: "digit", classes: [NeuronID(layer: 1, index: 0): 3, NeuronID(layer: 1, index: 1): 7])
        let drawing = try NeuronDrawing.make(network, options: DrawingOptions(coloring: values))
        let scene = drawing.scene
        let fill0 = scene.nodes.first { $0.name == "L1_0" }?.attributes["fillcolor"]
        let fill1 = scene.nodes.first { $0.name == "L1_1" }?.attributes["fillcolor"]
        let fill2 = scene.nodes.first { $0.name == "L1_2" }?.attributes["fillcolor"]
        let style = Theme.screen.style
        #expect(fill0 == style.palette.category(0).hex)
        #expect(fill1 == style.palette.category(1).hex)
        #expect(fill2 == style.missingFill.hex)
        let svg = try SVGDocument(drawing.render(.svg).data)
        #expect(svg.allText.contains("Fill: digit"))
    }

    @Test func printThemeUsesItsOwnPalette() throws {
        let network = try SeededNetworks.dense([3, 4, 2])
        let screen = try NeuronDrawing.make(network, options: DrawingOptions(theme: .screen)).scene
        let print = try NeuronDrawing.make(network, options: DrawingOptions(theme: .print)).scene
        #expect(screen.graphAttributes["fontname"] != print.graphAttributes["fontname"])
        #expect(screen.edges.styleTable != print.edges.styleTable)
    }
}
