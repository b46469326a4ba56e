import ArgumentParser
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import Foundation

/// `condense demo`: the main job on the bundled LeNet-300-100 and the MNIST test set.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The main job on the bundled model and data: inspect, evaluate, and write a summary.")

    @Option(help: "Folder for the demo's outputs.") var out = "demo-out"
    @Option(help: "The model (default: the bundled LeNet-300-100).") var model = "graphs/mnist/lenet-300-100.onnx"
    @Option(help: "The data (default: the bundled MNIST test set).") var data = "graphs/mnist/data"
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Summary: Encodable {
        var model: ModelSummary
        var data: String
        var evaluation: Evaluation
        var outputs: [String]
    }

    func run() async throws {
        Terminal.progress("[1/2] inspect \(model)")
        let onnx = try ONNXModel.load(path: model)
        let inspection = ModelSummary(path: model, model: onnx)
        Terminal.progress("[2/2] evaluate on \(data)")
        let dataset = try Dataset.load(path: data, scale: onnx.inputScale, limit: nil, split: .test)
        let (evaluation, _) = try Evaluator().evaluate(onnx.network, inputs: dataset.inputs, labels: dataset.labels)

        var summary = Summary(model: inspection, data: dataset.description, evaluation: evaluation, outputs: [])
        let summaryPath = (out as NSString).appendingPathComponent("summary.json")
        let textPath = (out as NSString).appendingPathComponent("summary.txt")
        summary.outputs = [summaryPath, textPath]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = summary.text
        try AtomicFile.write(encoder.encode(summary), to: summaryPath)
        try AtomicFile.write(text + "\n", to: textPath)
        if json { try Terminal.printJSON(summary) } else { print(text) }
    }
}

extension DemoCommand.Summary {
    var text: String {
        let accuracy = evaluation.accuracy.map { String(format: "%.2f %%", $0 * 100) } ?? "-"
        return """
            == Condense demo ==
            \(model.text)

            Evaluated on \(data): accuracy \(accuracy), \(String(format: "%.2f", evaluation.secondsPerSample * 1e6)) µs per sample
            Outputs written: \(outputs.joined(separator: ", "))
            """
    }
}
