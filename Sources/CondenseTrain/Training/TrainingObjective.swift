import CondenseCore
import CondenseGraph
import Foundation

/// What fine-tuning minimises, and on which tensor.
///
/// Classifiers are trained with cross-entropy on their logits: the input of the `Softmax`
/// or `LogSoftmax` that produces the score output (through `ZipMap`, `Identity` or `Cast`),
/// or the score output itself when it is not normalised (PyTorch exports); a single sigmoid
/// column with the logistic loss on the sigmoid's input. Regressors are
/// trained with the mean squared error of the score output. O(nodes) to find.
public struct TrainingObjective: Sendable, Equatable {
    public enum Loss: String, Sendable, Codable {
        case crossEntropy = "cross-entropy"
        /// For a single sigmoid column: the logistic loss on the sigmoid's input, labels 0 or 1.
        case binaryCrossEntropy = "binary-cross-entropy"
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
        if let p = graph.producer[name], graph.nodes[p].isONNX("Sigmoid"), let logit = graph.nodes[p].input(0) {
            return TrainingObjective(tensor: logit, loss: .binaryCrossEntropy)
        }
        return TrainingObjective(tensor: name, loss: .crossEntropy)
    }

    /// Knowledge distillation (Hinton, Vinyals and Dean 2015): the loss mixes the task loss with
    /// the match to a teacher's outputs (the network before it was made smaller), with `weight`
    /// on the teacher: for classifiers `T²·KL(softmax(t/T) ‖ softmax(y/T))`, for regressors the
    /// squared error to the teacher's output.
    public struct Distillation: Sendable, Equatable {
        public var weight: Float
        public var temperature: Float

        public init(weight: Float, temperature: Float = 4) {
            self.weight = weight
            self.temperature = temperature
        }
    }

    /// The mean loss over the batch and its gradient with respect to `output` (`[batch, k]`),
    /// optionally distilled from `teacher` (the teacher's outputs for the same samples).
    /// Cross-entropy uses a stable log-sum-exp. O(batch · k).
    public func evaluate(_ output: GraphTensor, labels: [Int]?, targets: [Float]?, teacher: [Float]? = nil,
                         distillation: Distillation? = nil) throws(CondenseError) -> (loss: Double, gradient: [Float]) {
        var (loss, gradient) = try taskLoss(output, labels: labels, targets: targets)
        guard let distillation, let teacher, distillation.weight > 0 else { return (loss, gradient) }
        let y = try output.floats("the trained output")
        guard teacher.count == y.count else { throw .internalError("the teacher gives \(teacher.count) outputs for \(y.count)") }
        let a = distillation.weight, batch = max(output.shape.first ?? 1, 1), k = y.count / batch
        for i in gradient.indices { gradient[i] *= 1 - a }
        loss *= Double(1 - a)
        switch self.loss {
        case .crossEntropy:
            let t = distillation.temperature
            var total = 0.0
            for r in 0..<batch {
                let row = r * k
                func softmax(_ v: [Float]) -> [Float] {
                    var m = -Float.infinity
                    for j in 0..<k { m = max(m, v[row + j] / t) }
                    var e = (0..<k).map { exp(v[row + $0] / t - m) }
                    let s = e.reduce(0, +)
                    for j in 0..<k { e[j] /= s }
                    return e
                }
                let p = softmax(teacher), q = softmax(y)
                for j in 0..<k {
                    if p[j] > 0 { total += Double(p[j]) * (log(Double(p[j])) - log(Double(max(q[j], 1e-30)))) }
                    gradient[row + j] += a * t * (q[j] - p[j]) / Float(batch)
                }
            }
            loss += Double(a * t * t) * total / Double(batch)
        case .binaryCrossEntropy:
            // The binary KL divergence between the softened teacher and student probabilities.
            let t = distillation.temperature
            var total = 0.0
            for i in y.indices {
                let p = OperatorKernels.sigmoid(teacher[i] / t), q = OperatorKernels.sigmoid(y[i] / t)
                total += Double(p) * (log(Double(max(p, 1e-30))) - log(Double(max(q, 1e-30))))
                    + Double(1 - p) * (log(Double(max(1 - p, 1e-30))) - log(Double(max(1 - q, 1e-30))))
                gradient[i] += a * t * (q - p) / Float(batch)
            }
            loss += Double(a * t * t) * total / Double(batch)
        case .meanSquaredError:
            var total = 0.0
            let scale = 2 * a / Float(y.count)
            for i in y.indices {
                let d = y[i] - teacher[i]
                total += Double(d * d)
                gradient[i] += scale * d
            }
            loss += Double(a) * total / Double(y.count)
        }
        return (loss, gradient)
    }

    private func taskLoss(_ output: GraphTensor, labels: [Int]?, targets: [Float]?) throws(CondenseError) -> (loss: Double, gradient: [Float]) {
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
        case .binaryCrossEntropy:
            guard let labels, labels.count == batch, k == 1 else {
                throw .invalidData("the logistic loss needs one sigmoid column and one label (0 or 1) per sample")
            }
            for r in 0..<batch {
                guard labels[r] == 0 || labels[r] == 1 else { throw .invalidData("label \(labels[r]) of a sigmoid classifier is not 0 or 1") }
                let z = y[r], target = Float(labels[r])
                // softplus(z) − target·z, stably.
                total += Double(max(z, 0) - z * target + log(1 + exp(-abs(z))))
                gradient[r] = (OperatorKernels.sigmoid(z) - target) / Float(batch)
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
