import CondenseCore
import Foundation

/// What `evaluate` reports: accuracy against labels, output statistics, timing.
public struct Evaluation: Codable, Sendable {
    public var samples: Int
    /// Fraction of samples whose argmax output equals the label (`nil` without labels).
    public var accuracy: Double?
    public var correct: Int?
    public var outputStatistics: OutputStatistics
    public var batchSize: Int
    /// Forward-pass wall time over all samples, divided by the sample count.
    public var secondsPerSample: Double
    public var totalSeconds: Double

    enum CodingKeys: String, CodingKey {
        case samples, accuracy, correct
        case outputStatistics = "output_statistics"
        case batchSize = "batch_size"
        case secondsPerSample = "seconds_per_sample"
        case totalSeconds = "total_seconds"
    }
}

/// Runs a network over a data set in batches and scores it.
public struct Evaluator: Sendable {
    public var batchSize: Int

    public init(batchSize: Int = 256) { self.batchSize = max(1, batchSize) }

    /// All outputs of `network` on `inputs` (after the output transform), batch by batch.
    public func outputs(of network: Network, on inputs: Matrix) throws(CondenseError) -> Matrix {
        var out = Matrix(rows: inputs.rows, columns: network.outputWidth)
        var start = 0
        while start < inputs.rows {
            let end = min(inputs.rows, start + batchSize)
            let batch = try network.forward(inputs.rows(start..<end))
            out.values.replaceSubrange((start * out.columns)..<(end * out.columns), with: batch.values)
            start = end
        }
        return out
    }

    /// Evaluates `network` on `inputs` (rows are samples) against optional `labels`.
    /// Returns the report and the outputs (for cross-checks against other runtimes).
    public func evaluate(_ network: Network, inputs: Matrix, labels: [Int]?) throws(CondenseError) -> (Evaluation, Matrix) {
        if let labels, labels.count != inputs.rows {
            throw .invalidData("\(labels.count) labels for \(inputs.rows) samples")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let outputs = try self.outputs(of: network, on: inputs)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var correct: Int?
        if let labels {
            let predicted = outputs.argmaxRows
            correct = zip(predicted, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        }
        let n = inputs.rows
        let report = Evaluation(
            samples: n, accuracy: correct.map { n == 0 ? 0 : Double($0) / Double(n) }, correct: correct,
            outputStatistics: OutputStatistics(outputs), batchSize: batchSize,
            secondsPerSample: n == 0 ? 0 : seconds / Double(n), totalSeconds: seconds)
        return (report, outputs)
    }
}
