import CondenseCore
import CondenseGraph
import Foundation

/// What fine-tuning minimises, and on which tensor.
///
/// Classifiers are trained with cross-entropy on their logits: the input of the `Softmax`
/// or `LogSoftmax` that produces the score output (through `ZipMap`, `Identity` or `Cast`),
/// or the score output itself when it is not normalised (PyTorch exports). Regressors are
/// trained with the mean squared error of the score output. O(nodes) to find.
public struct TrainingObjective: Sendable, Equatable {
    public enum Loss: String, Sendable, Codable {
        case crossEntropy = "cross-entropy"
        case meanSquaredError = "mse"
    }

    public var tensor: String
    public var loss: Loss

    public init(tensor: String, loss: Loss) {
        self.tensor = tensor
        self.loss = loss
    }

    /// The objective of `graph` for labelled (`classify`) or real-valued targets.
    public static func find(in graph: ComputeGraph, classify: Bool) throws(CondenseError) -> TrainingObjective {
        let score = graph.outputs.first { ($0.elementType?.isFloatingPoint ?? true) || $0.isSequence }?.name ?? graph.outputs[0].name
        var name = score
        while let p = graph.producer[name] {
            let node = graph.nodes[p]
            let passThrough = node.isONNX("Identity") || node.isONNX("Cast") || (node.domain == "ai.onnx.ml" && node.opType == "ZipMap")
            guard passThrough, let source = node.input(0) else { break }
            name = source
        }
        guard classify else { return TrainingObjective(tensor: name, loss: .meanSquaredError) }
        if let p = graph.producer[name], graph.nodes[p].isONNX("Softmax") || graph.nodes[p].isONNX("LogSoftmax"),
           let logits = graph.nodes[p].input(0) {
            return TrainingObjective(tensor: logits, loss: .crossEntropy)
        }
        if let p = graph.producer[name], graph.nodes[p].isONNX("Sigmoid") {
            throw .invalidModel("the score output '\(score)' is a sigmoid; fine-tuning trains classifiers with softmax or raw class scores")
        }
        return TrainingObjective(tensor: name, loss: .crossEntropy)
    }

    /// The mean loss over the batch and its gradient with respect to `output` (`[batch, k]`).
    /// Cross-entropy uses a stable log-sum-exp. O(batch · k).
    public func evaluate(_ output: GraphTensor, labels: [Int]?, targets: [Float]?) throws(CondenseError) -> (loss: Double, gradient: [Float]) {
        let y = try output.floats("the trained output")
        let batch = output.shape.first ?? 1
        guard batch > 0 else { return (0, y) }
        let k = y.count / batch
        var gradient = [Float](repeating: 0, count: y.count)
        var total = 0.0
        switch loss {
        case .crossEntropy:
            guard let labels, labels.count == batch else { throw .invalidData("cross-entropy needs one label per sample") }
            for r in 0..<batch {
                let row = r * k
                guard labels[r] >= 0, labels[r] < k else {
                    throw .invalidData("label \(labels[r]) is out of range for \(k) class scores")
                }
                var m = -Float.infinity
                for j in 0..<k { m = max(m, y[row + j]) }
                var sum: Float = 0
                for j in 0..<k { sum += exp(y[row + j] - m) }
                let logSum = log(sum) + m
                total += Double(logSum - y[row + labels[r]])
                for j in 0..<k { gradient[row + j] = exp(y[row + j] - logSum) / Float(batch) }
                gradient[row + labels[r]] -= 1 / Float(batch)
            }
        case .meanSquaredError:
            guard let targets, targets.count == y.count else {
                throw .invalidData("the mean squared error needs \(y.count) targets for this batch")
            }
            let scale = 2 / Float(y.count)
            for i in y.indices {
                let d = y[i] - targets[i]
                total += Double(d * d)
                gradient[i] = scale * d
            }
            return (total / Double(y.count), gradient)
        }
        return (total / Double(batch), gradient)
    }
}
