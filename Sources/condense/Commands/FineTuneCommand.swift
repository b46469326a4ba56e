import ArgumentParser
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import CondenseTrain
import CondenseWorkflow
import Foundation

/// `condense finetune MODEL --data TRAIN -o OUT.onnx`: trains the weights and biases of every
/// unit layer by backpropagation; the structure and the pre- and post-processing stay.
struct FineTuneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Fine-tune a model's unit layers (Gemm/MatMul, Conv, BatchNorm scale and shift) by backpropagation and write it.",
        discussion: """
            Cross-entropy for classifiers (on the logits before the model's softmax), mean squared error for regressors. \
            --data takes the training data (an MNIST-style folder means its train-* files); --validation-fraction of it is \
            held apart and the epoch that validates best is kept (epoch 0, the model as given, included). --test scores the \
            whole model (every node) before and after. The output is written atomically and never replaces an input.
            """)

    @Argument(help: "An ONNX model file.") var model: String
    @OptionGroup var dataOptions: DataOptions
    @Option(name: .shortAndLong, help: "Where to write the fine-tuned ONNX model.") var output: String
    @Option(help: "Epochs of training.") var epochs = 1
    @OptionGroup(title: "Training") var training: FineTuneOptions
    @Option(help: "Test data scored before and after (and after each epoch, for the history).") var test: String?
    @Option(help: "Use only the first N samples of --test.") var testLimit: Int?
    @Option(help: "Also write the JSON report to this file.") var report: String?
    @Option(help: "Memory budget in GB: a training step (a batch's tensors and their gradients) larger than this is refused.")
    var maxMemory = 4.0
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if epochs < 1 || epochs > 10_000 { throw ValidationError("--epochs must be in 1...10000") }
        if let testLimit, testLimit <= 0 { throw ValidationError("--test-limit must be positive") }
        if !(maxMemory > 0 && maxMemory <= 1_048_576) { throw ValidationError("--max-memory must be a positive number of GB") }
    }

    func run() async throws {
        try OutputSafety.check(outputs: [("-o", output), ("--report", report)],
                               inputs: [("MODEL", model), ("--data", dataOptions.data), ("--test", test)])
        let onnx = try ONNXModel.load(path: model)
        let train = try dataOptions.load(for: onnx, split: .train)
        let testData = try test.map { try Dataset.load(path: $0, scale: onnx.inputScale, limit: testLimit) }
        let bar = TrainingProgressBar()
        let outcome = try FineTuneJob(tuning: training.tuning(epochs: epochs, memory: maxMemory))
            .run(onnx, train: train, test: testData, teacher: onnx, progress: { bar.update($0) })
        var staged = StagedOutputs()
        let stagedModel = staged.stage(output)
        let summary = FineTuneReport(outcome, model: model, output: output, data: train.description, options: training)
        let stagedReport = report.map { staged.stage($0) }
        try AtomicFile.write(outcome.data, to: stagedModel)
        if let stagedReport { try AtomicFile.write(try summary.jsonText(), to: stagedReport) }
        try staged.commit()
        if json { try Terminal.printJSON(summary) } else { print(summary.text) }
    }
}

/// The JSON of `finetune` (and the fine-tuning part of `simplify --finetune-epochs`).
struct FineTuneReport: JSONReport {
    var model: String
    var output: String
    var data: String
    var task: String
    var loss: String
    var optimizer: String
    var learningRate: Float
    var batchSize: Int
    var trainingSamples: Int
    var validationSamples: Int
    var trainedParameters: Int
    var bestEpoch: Int
    var history: [FineTuning.Epoch]
    var metricBefore: Double?
    var metricAfter: Double?
    var seconds: Double

    init(_ o: FineTuneJob.Outcome, model: String, output: String, data: String, options: FineTuneOptions) {
        self.model = model
        self.output = output
        self.data = data
        task = o.task.rawValue
        loss = o.result.objective.loss.rawValue
        optimizer = options.optimizer.rawValue
        learningRate = options.learningRate ?? options.optimizer.defaultLearningRate
        batchSize = options.batchSize
        trainingSamples = o.result.trainingSamples
        validationSamples = o.result.validationSamples
        trainedParameters = o.result.trainedParameters
        bestEpoch = o.result.bestEpoch
        history = o.result.history
        metricBefore = o.metricBefore
        metricAfter = o.metricAfter
        seconds = o.seconds
    }

    enum CodingKeys: String, CodingKey {
        case model, output, data, task, loss, optimizer, history, seconds
        case learningRate = "learning_rate"
        case batchSize = "batch_size"
        case trainingSamples = "training_samples"
        case validationSamples = "validation_samples"
        case trainedParameters = "trained_parameters"
        case bestEpoch = "best_epoch"
        case metricBefore = "metric_before"
        case metricAfter = "metric_after"
    }

    var text: String {
        var table = Table("epoch", "train loss", "validation", "test", "seconds", "samples/s")
        func pct(_ v: Double?) -> String { v.map { task == "classify" ? String(format: "%.2f %%", 100 * $0) : String(format: "%.5g", $0) } ?? "-" }
        for e in history {
            table.add(e.epoch == bestEpoch ? "\(e.epoch) (kept)" : "\(e.epoch)", e.trainLoss.map { String(format: "%.4f", $0) } ?? "-",
                      pct(e.validationMetric), pct(e.monitorMetric), String(format: "%.1f", e.seconds),
                      e.samplesPerSecond.map { String(format: "%.0f", $0) } ?? "-")
        }
        var lines = ["Fine-tuning of \(model) -> \(output): \(loss), \(optimizer) (lr \(learningRate)), batch \(batchSize), "
                     + "\(trainedParameters) trained parameters; \(trainingSamples) training and \(validationSamples) validation samples of \(data)",
                     "", table.rendered]
        if let a = metricBefore, let b = metricAfter {
            lines.append("")
            lines.append(task == "classify"
                ? String(format: "test accuracy (whole model): %.2f %% -> %.2f %% (%+.2f points)", 100 * a, 100 * b, 100 * (b - a))
                : String(format: "test R² (whole model): %.5f -> %.5f", a, b))
        }
        lines.append(String(format: "%.1f s", seconds))
        return lines.joined(separator: "\n")
    }
}
