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
        abstract: "Run a whole model (every node) on a data set and score it: accuracy for classifiers, MSE/MAE/R² for regressors; output statistics, time per sample.")

    @Argument(help: "An ONNX model file.") var model: String
    @OptionGroup var dataOptions: DataOptions
    @Option(help: "Samples per forward pass.") var batchSize = 256
    @Option(help: "classify or regress (default: detected from the model's outputs and the labels).")
    var task: Task?
    @Option(help: "Write the scored output (e.g. probabilities or logits) as a float32 .npy, for cross-checks.")
    var dumpOutputs: String?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Report: Encodable {
        var model: String
        var data: String
        var evaluation: ModelEvaluation
    }

    func validate() throws {
        if batchSize <= 0 { throw ValidationError("--batch-size must be positive") }
    }

    func run() async throws {
        try OutputSafety.check(outputs: [("--dump-outputs", dumpOutputs)],
                               inputs: [("MODEL", model), ("--data", dataOptions.data)])
        let onnx = try ONNXModel.load(path: model)
        let dataset = try dataOptions.load(for: onnx)
        if dataset.inputs.rows > 20_000 { Terminal.progress("evaluating \(dataset.inputs.rows) samples ...") }
        let (evaluation, outputs) = try ModelEvaluator(batchSize: batchSize)
            .evaluate(onnx, inputs: dataset.inputs, labels: dataset.labels, targets: dataset.targets, task: task)
        if let dumpOutputs { try NPYWriter.write(outputs.scores, to: dumpOutputs) }
        let report = Report(model: model, data: dataset.description, evaluation: evaluation)
        if json { try Terminal.printJSON(report) } else { print(report.text) }
    }
}

extension EvaluateCommand.Report {
    var text: String {
        var table = Table("measure", "value")
        table.add("samples", "\(evaluation.samples)")
        table.add("task", "\(evaluation.task.rawValue): \(evaluation.predictionRule)")
        if let accuracy = evaluation.accuracy {
            table.add("accuracy", String(format: "%.2f %% (%d correct)", accuracy * 100, evaluation.correct ?? 0))
        }
        if let mse = evaluation.meanSquaredError { table.add("MSE", String(format: "%.6g", mse)) }
        if let mae = evaluation.meanAbsoluteError { table.add("MAE", String(format: "%.6g", mae)) }
        if let r2 = evaluation.r2 { table.add("R²", String(format: "%.6f", r2)) }
        let s = evaluation.outputStatistics
        table.add("outputs min / max", String(format: "%.4g / %.4g", s.min, s.max))
        table.add("outputs mean / std", String(format: "%.4g / %.4g", s.mean, s.std))
        table.add("time per sample", String(format: "%.2f µs (batches of %d)", evaluation.secondsPerSample * 1e6, evaluation.batchSize))
        return "Model \(model) on \(data)\n" + table.rendered
    }
}

extension Task: ExpressibleByArgument {}
