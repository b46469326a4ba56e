import ArgumentParser
import CondenseCore
import CondenseONNX
import CondenseRender
import Foundation

/// `condense render MODEL -o FILE.(svg|png|pdf|dot)`: draws a network at neuron or layer level.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a network (neurons or layers), or a before/after comparison, with Graphviz.")

    @Argument(help: "An ONNX model file.") var model: String
    @Option(name: .shortAndLong, help: "Output file: .svg, .png, .pdf or .dot.") var output: String
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func run() async throws {
        let format = try RenderFormat(path: output)
        let network = try ONNXModel.load(path: model).network
        let name = URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent
        let drawing = try NeuronDrawing.make(network, options: NeuronDrawingOptions(modelName: name))
        let rendered = try drawing.render(format)
        try AtomicFile.write(rendered.data, to: output)
        print("\(output): \(rendered.data.count) bytes, \(drawing.drawnEdges) of \(drawing.totalEdges) edges")
    }
}
