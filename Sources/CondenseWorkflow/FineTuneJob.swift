import CondenseCore
import CondenseData
import CondenseEval
import CondenseGraph
import CondenseONNX
import CondenseTrain
import Foundation

/// Fine-tuning of a whole ONNX model as one library call: decide the task from the model
/// and its data, train (``CondenseTrain/FineTuning``), export with the trained weights
/// under their own names, read the file back and score it, every node run, on `test`.
/// The CLI's `condense finetune` and `simplify --finetune-epochs` call it.
public struct FineTuneJob: Sendable {
    public var tuning: FineTuning

    public init(tuning: FineTuning) { self.tuning = tuning }

    public struct Outcome: Sendable {
        /// The exported model, read back.
        public var model: ONNXModel
        public var data: Data
        public var result: FineTuning.Result
        public var task: Task
        /// The metric (accuracy or R²) on the test data before and after, by the whole model.
        public var metricBefore: Double?
        public var metricAfter: Double?
        public var seconds: Double
    }

    /// Whether `model` classifies `data` (by its outputs on a few samples).
    public static func task(of model: ONNXModel, data: Dataset) throws(CondenseError) -> Task {
        let probe = data.inputs.rowSlice(0..<min(64, data.count))
        let outputs = try ModelEvaluator().outputs(of: model, on: probe)
        return ModelEvaluator.detectTask(outputs, labels: data.labels.map { Array($0.prefix(probe.rows)) },
                                         targets: data.targets.map { Array($0.prefix(probe.rows)) })
    }

    /// Fine-tunes `model` on `train`; `test` (optional) is scored before and after, and after
    /// each epoch for the history; `metadata` is added to the exported model's; `teacher` (the
    /// network before it was made smaller) is what ``CondenseTrain/FineTuning/distillation`` matches.
    public func run(_ model: ONNXModel, train: Dataset, test: Dataset?, metricBefore: Double? = nil,
                    metadata: [String: String] = [:], teacher: ONNXModel? = nil,
                    progress: (@Sendable (FineTuning.Progress) -> Void)? = nil) throws(CondenseError) -> Outcome {
        let clock = Elapsed()
        let task = try Self.task(of: model, data: train)
        let evaluator = ModelEvaluator()
        var before = metricBefore
        if before == nil, let test {
            before = try evaluator.evaluate(model, inputs: test.inputs, labels: test.labels, targets: test.targets, task: task).0.headline
        }
        let result = try tuning.run(model.graph, data: train, classify: task == .classify, monitor: test, teacher: teacher?.graph,
                                    progress: progress)
        var extra = metadata
        extra["condense.finetuned"] = "\(tuning.optimizer.rawValue), \(result.bestEpoch) of \(tuning.epochs) epoch(s) kept by validation"
        let bytes = try model.exportData(graph: result.graph, metadata: extra)
        let reloaded = try ONNXModel(data: bytes, source: "fine-tuned model")
        var after: Double?
        if let test {
            after = try evaluator.evaluate(reloaded, inputs: test.inputs, labels: test.labels, targets: test.targets, task: task).0.headline
        }
        return Outcome(model: reloaded, data: bytes, result: result, task: task, metricBefore: before, metricAfter: after,
                       seconds: clock.seconds)
    }
}
