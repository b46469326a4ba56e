import ArgumentParser
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import Foundation

/// `condense evaluate MODEL --data PATH`: accuracy, output statistics, time per sample.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Run a model's neural core on a data set: accuracy (argmax against labels), output statistics, time per sample.")

    @Argument(help: "An ONNX model file.") var model: String
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Samples per forward pass.") var batchSize = 256
    @Option(help: "Write the outputs (after Softmax/LogSoftmax if the model has one) as a float32 .npy, for cross-checks.")
    var dumpOutputs: String?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Report: Encodable {
        var model: String
        var data: String
        var evaluation: Evaluation
    }

    func validate() throws {
        if batchSize <= 0 { throw ValidationError("--batch-size must be positive") }
    }

    func run() async throws {
        let onnx = try ONNXModel.load(path: model)
        let dataset = try dataOptions.load(for: onnx)
        if dataset.inputs.rows > 20_000 { Terminal.progress("evaluating \(dataset.inputs.rows) samples ...") }
        let (evaluation, outputs) = try Evaluator(batchSize: batchSize)
            .evaluate(onnx.network, inputs: dataset.inputs, labels: dataset.labels)
        if let dumpOutputs { try NPYWriter.write(outputs, to: dumpOutputs) }
        let report = Report(model: model, data: dataset.description, evaluation: evaluation)
        if json { try Terminal.printJSON(report) } else { print(report.text) }
    }
}

extension EvaluateCommand.Report {
    var text: String {
        var table = Table("measure", "value")
        table.add("samples", "\(evaluation.samples)")
        if let accuracy = evaluation.accuracy {
            table.add("accuracy", String(format: "%.2f %% (%d correct)", accuracy * 100, evaluation.correct ?? 0))
        }
        let s = evaluation.outputStatistics
        table.add("outputs min / max", String(format: "%.4g / %.4g", s.min, s.max))
        table.add("outputs mean / std", String(format: "%.4g / %.4g", s.mean, s.std))
        table.add("time per sample", String(format: "%.2f µs (batches of %d)", evaluation.secondsPerSample * 1e6, evaluation.batchSize))
        return "Model \(model) on \(data)\n" + table.rendered
    }
}
