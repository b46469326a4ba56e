import ArgumentParser
import CondenseONNX

/// `condense inspect MODEL`: layers, widths, activations and counts of a model.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show a model's neural core (layers, widths, activations, neurons, edges, parameters, FLOPs) and the operators kept outside it.")

    @Argument(help: "An ONNX model file.") var model: String
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func run() async throws {
        let summary = try ModelSummary(path: model, model: try ONNXModel.load(path: model))
        if json { try Terminal.printJSON(summary) } else { print(summary.text) }
    }
}
