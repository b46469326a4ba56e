import CondenseCore
import CondenseGraph
import CondenseONNX
import Foundation

/// What a model's score means: a class per sample, or a real value.
public enum Task: String, Sendable, Codable, CaseIterable {
    case classify
    case regress
}

/// The score of a whole model on a data set, by task: accuracy for classifiers (from the
/// model's own label output, a single sigmoid column thresholded at 0.5, or the argmax of
/// the scores), MSE, MAE and R² for regressors. Every node of the graph runs.
public struct ModelEvaluation: Codable, Sendable {
    public var task: Task
    public var samples: Int
    /// The graph output scored, and where the predicted classes come from.
    public var scoredOutput: String
    public var predictionRule: String
    public var accuracy: Double?
    public var correct: Int?
    public var meanSquaredError: Double?
    public var meanAbsoluteError: Double?
    public var r2: Double?
    public var outputStatistics: OutputStatistics
    public var batchSize: Int
    public var secondsPerSample: Double
    public var totalSeconds: Double

    /// The task's main metric: accuracy for classifiers, R² for regressors.
    public var headline: Double? { accuracy ?? r2 }

    enum CodingKeys: String, CodingKey {
        case task, samples, accuracy, correct, r2
        case scoredOutput = "scored_output"
        case predictionRule = "prediction_rule"
        case meanSquaredError = "mse"
        case meanAbsoluteError = "mae"
        case outputStatistics = "output_statistics"
        case batchSize = "batch_size"
        case secondsPerSample = "seconds_per_sample"
        case totalSeconds = "total_seconds"
    }
}

/// Runs a whole ONNX model (or the model with a simplified network in place of its core)
/// over a data set in batches, and scores it by task.
public struct ModelEvaluator: Sendable {
    public var batchSize: Int

    public init(batchSize: Int = 256) { self.batchSize = max(1, batchSize) }

    /// The outputs of one run over all samples: the scored float output and the label output, if any.
    public struct Outputs: Sendable {
        public var scores: Matrix
        public var labels: [Int64]?
        public var scoreName: String
        public var labelName: String?
    }

    /// The model's float score output (the first float output that is not the label) and its integer label output.
    public static func outputNames(_ model: ONNXModel) -> (score: String, label: String?) {
        let outputs = model.graph.outputs
        let label = outputs.first { o in o.elementType.map { !$0.isFloatingPoint && $0 != .string } ?? false }?.name
        let score = outputs.first { o in (o.elementType?.isFloatingPoint ?? true) || o.isSequence }?.name ?? outputs[0].name
        return (score, label)
    }

    /// All outputs of `model` (with `network` in place of its core) on `inputs`, batch by batch.
    public func outputs(of model: ONNXModel, network: Network? = nil, on inputs: Matrix) throws(CondenseError) -> Outputs {
        let (scoreName, labelName) = Self.outputNames(model)
        var scores: [Float] = []
        var columns = 0
        var labels: [Int64]? = labelName == nil ? nil : []
        var start = 0
        while start < inputs.rows {
            let end = min(inputs.rows, start + batchSize)
            let out = try model.run(inputs.rows(start..<end), network: network,
                                    targets: [scoreName] + (labelName.map { [$0] } ?? []))
            let s = out[scoreName]!
            let values = try s.floats("output '\(scoreName)'")
            // The scored output must hold the same number of values for every sample.
            if start == 0 { columns = values.count / (end - start) }
            guard values.count == (end - start) * columns, columns > 0 else {
                throw .shapeMismatch("output '\(scoreName)' has shape \(s.shape) for a batch of \(end - start); "
                                     + "Condense scores outputs with one row of values per sample")
            }
            scores.append(contentsOf: values)
            if let labelName, let l = out[labelName] { labels!.append(contentsOf: try l.ints("output '\(labelName)'")) }
            start = end
        }
        return Outputs(scores: Matrix(rows: inputs.rows, columns: columns, values: scores),
                       labels: labels?.count == inputs.rows ? labels : nil, scoreName: scoreName, labelName: labelName)
    }

    /// The task a model and its data imply: a classifier when the model has a label output, more than one score
    /// column, or one column in [0, 1] with 0/1 labels; else a regressor.
    public static func detectTask(_ outputs: Outputs, labels: [Int]?, targets: [Float]?) -> Task {
        if outputs.labels != nil { return .classify }
        if outputs.scores.columns > 1 { return .classify }
        if let labels, labels.allSatisfy({ $0 == 0 || $0 == 1 }),
           outputs.scores.values.allSatisfy({ $0 >= 0 && $0 <= 1 }), targets.map({ $0.allSatisfy { $0 == 0 || $0 == 1 } }) ?? true {
            return .classify
        }
        return .regress
    }

    /// Predicted classes: the label output, else a threshold at 0.5 for one column, else the argmax.
    public static func predictions(_ outputs: Outputs) -> ([Int], String) {
        if let labels = outputs.labels { return (labels.map { Int(clamping: $0) }, "the model's label output '\(outputs.labelName!)'") }
        if outputs.scores.columns == 1 { return (outputs.scores.values.map { $0 >= 0.5 ? 1 : 0 }, "'\(outputs.scoreName)' >= 0.5") }
        return (outputs.scores.argmaxRows, "argmax of '\(outputs.scoreName)'")
    }

    /// Evaluates `model` on `inputs` against labels or targets; `task` nil detects it.
    public func evaluate(_ model: ONNXModel, network: Network? = nil, inputs: Matrix, labels: [Int]?, targets: [Float]?,
                         task: Task? = nil) throws(CondenseError) -> (ModelEvaluation, Outputs) {
        if let labels, labels.count != inputs.rows { throw .invalidData("\(labels.count) labels for \(inputs.rows) samples") }
        let start = DispatchTime.now().uptimeNanoseconds
        let outputs = try self.outputs(of: model, network: network, on: inputs)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let n = inputs.rows
        let chosen = task ?? Self.detectTask(outputs, labels: labels, targets: targets)
        var report = ModelEvaluation(
            task: chosen, samples: n, scoredOutput: outputs.scoreName, predictionRule: "", outputStatistics: OutputStatistics(outputs.scores),
            batchSize: batchSize, secondsPerSample: n == 0 ? 0 : seconds / Double(n), totalSeconds: seconds)
        switch chosen {
        case .classify:
            let (predicted, rule) = Self.predictions(outputs)
            report.predictionRule = rule
            if let labels {
                // Labels must name a class the model scores (its score columns; two for one sigmoid column).
                let classes: Int? = outputs.labels == nil ? max(outputs.scores.columns, 2)
                    : outputs.scores.columns > 1 ? outputs.scores.columns : nil
                if let classes, let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
                    throw .invalidData("label \(labels[bad]) of sample \(bad) is out of range: the model scores \(classes) classes")
                }
                let correct = zip(predicted, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
                report.correct = correct
                report.accuracy = n == 0 ? 0 : Double(correct) / Double(n)
            }
        case .regress:
            report.predictionRule = "the value of '\(outputs.scoreName)'"
            guard outputs.scores.columns == 1 || targets == nil else {
                throw .invalidData("a regressor with \(outputs.scores.columns) outputs needs one target per output; the data has one per sample")
            }
            if let targets {
                let y = outputs.scores.values
                var se = 0.0, ae = 0.0, mean = 0.0
                for t in targets { mean += Double(t) }
                mean /= Double(max(n, 1))
                var total = 0.0
                for (p, t) in zip(y, targets) {
                    let d = Double(p) - Double(t)
                    se += d * d
                    ae += abs(d)
                    total += (Double(t) - mean) * (Double(t) - mean)
                }
                report.meanSquaredError = se / Double(max(n, 1))
                report.meanAbsoluteError = ae / Double(max(n, 1))
                report.r2 = total > 0 ? 1 - se / total : nil
            }
        }
        return (report, outputs)
    }
}
