import CondenseTestSupport
import CondenseCore
import Testing
@testable import CondenseRender

@Suite struct NeuronLayoutTests {
    @Test func automaticInputStyleIsGridForSquaresColumnForSmallBlockOtherwise() {
        #expect(InputStyle.automatic(width: 784) == .grid(rows: 28, columns: 28))
        #expect(InputStyle.automatic(width: 10) == .column)
        #expect(InputStyle.automatic(width: 100) == .grid(rows: 10, columns: 10))
        #expect(InputStyle.automatic(width: 300) == .block)
    }

    @Test func gridPlacesPixelsRowMajor() {
        let layout = NeuronLayout(widths: [16, 3], input: .grid(rows: 4, columns: 4))
        // Pixel 1 is right of pixel 0; pixel 4 is below pixel 0.
        #expect(layout.x[1] > layout.x[0])
        #expect(layout.y[1] == layout.y[0])
        #expect(layout.y[4] > layout.y[0])
        #expect(layout.x[4] == layout.x[0])
        #expect(abs((layout.x[1] - layout.x[0]) - layout.cellSide) < 1e-9)
    }

    @Test func columnsAreOrderedLeftToRightAndIndicesTopToBottom() {
        let layout = NeuronLayout(widths: [3, 5, 2], input: .column)
        #expect(layout.columnX[0] < layout.columnX[1] && layout.columnX[1] < layout.columnX[2])
        for i in 1..<5 { #expect(layout.y[3 + i] > layout.y[3 + i - 1]) }
        // Every neuron of a layer shares its column's x.
        #expect((3..<8).allSatisfy { layout.x[$0] == layout.columnX[1] })
    }

    @Test func sharedGeometryKeepsThePitchOfTheOriginal() {
        let before = NeuronLayout(widths: [4, 40, 2], input: .column)
        let after = NeuronLayout(widths: [4, 30, 2], input: .column, geometry: before.geometry)
        let pitchBefore = before.y[4 + 1] - before.y[4]
        let pitchAfter = after.y[4 + 1] - after.y[4]
        #expect(abs(pitchBefore - pitchAfter) < 1e-9)
    }

    @Test func badGridIsAnError() throws {
        let network = try SeededNetworks.dense([10, 3, 2])
        #expect(throws: CondenseError.self) {
            try NeuronDrawing.make(network, options: DrawingOptions(input: .grid(rows: 3, columns: 3)))
        }
    }
}
