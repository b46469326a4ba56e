import CondenseCore
import CondenseData
import CondenseGraph

/// What one fine-tuning run needs at every step: the differentiator of the graph up to the
/// loss's tensor, the objective, the teacher for distillation, and the workers that share a
/// batch. ``FineTuning`` drives it; it holds no weights (they are passed in).
struct TrainingSession {
    let graph: ComputeGraph
    let classify: Bool
    let objective: TrainingObjective
    let differentiator: GraphDifferentiator
    let executor: GraphExecutor
    /// The teacher's outputs for every sample of the training data (rows of `teacherWidth`),
    /// computed once: the teacher does not change during training.
    let teacherOutputs: [Float]?
    let teacherWidth: Int
    let distillation: TrainingObjective.Distillation?
    let workers: Int
    let shapes: [String: [Int]]

    init(graph: ComputeGraph, classify: Bool, data: Dataset, teacher: ComputeGraph?, distillation: TrainingObjective.Distillation?,
         workers: Int) throws(CondenseError) {
        self.graph = graph
        self.classify = classify
        objective = try TrainingObjective.find(in: graph, classify: classify)
        let parameters = TrainableParameters.find(in: graph)
        differentiator = try GraphDifferentiator(graph: graph, parameters: parameters, output: objective.tensor)
        executor = GraphExecutor(graph: graph)
        var shapes: [String: [Int]] = [:]
        for p in parameters { shapes[p] = graph.constants[p]?.shape }
        self.shapes = shapes
        self.workers = workers
        self.distillation = distillation
        if let teacher, let d = distillation, d.weight > 0 {
            guard d.weight <= 1, d.temperature > 0, d.temperature.isFinite else {
                throw .invalidArgument("the distillation weight must be in (0, 1] and its temperature positive")
            }
            let name = try TrainingObjective.find(in: teacher, classify: classify).tensor
            let executor = GraphExecutor(graph: teacher)
            var outputs: [Float] = []
            var start = 0
            while start < data.count {
                let batch = data.inputs.rowSlice(start..<min(data.count, start + 512))
                guard let t = try executor.run(batch: batch, targets: [name])[name] else {
                    throw .internalError("the teacher's output was not computed")
                }
                outputs += try t.floats("the teacher's output")
                start += batch.rows
            }
            teacherOutputs = outputs
            teacherWidth = outputs.count / max(data.count, 1)
        } else {
            teacherOutputs = nil
            teacherWidth = 0
        }
    }

    /// The trained constants' values as the graph holds them.
    func initialValues() throws(CondenseError) -> [String: [Float]] {
        var values: [String: [Float]] = [:]
        for p in differentiator.parameters { values[p] = try graph.constants[p]!.floats(p) }
        return values
    }

    /// Flat values as tensors of the constants' shapes.
    func tensors(_ values: [String: [Float]]) -> [String: GraphTensor] {
        var result: [String: GraphTensor] = [:]
        for (name, floats) in values { result[name] = GraphTensor(shape: shapes[name]!, floats: floats) }
        return result
    }

    /// Accuracy (classifiers; a single logit counts as class 1 above 0) or minus the mean
    /// squared error (regressors) of `rows` of `source`, in chunks of 512. `nil` for no rows.
    func metric(_ rows: [Int], of source: Dataset, values: [String: GraphTensor]) throws(CondenseError) -> Double? {
        guard !rows.isEmpty else { return nil }
        var correct = 0, squared = 0.0
        var start = 0
        while start < rows.count {
            let chunk = Array(rows[start..<min(rows.count, start + 512)])
            let f = try output(source.inputs.selectingRows(chunk), values: values).floats("the trained output")
            let k = f.count / max(chunk.count, 1)
            for (r, row) in chunk.enumerated() {
                if classify {
                    var best = k == 1 && f[r] > 0 ? 1 : 0
                    for j in 1..<max(k, 1) where f[r * k + j] > f[r * k + best] { best = j }
                    if best == source.labels![row] { correct += 1 }
                } else {
                    for j in 0..<k { let d = Double(f[r * k + j] - source.targets![row * k + j]); squared += d * d }
                }
            }
            start += chunk.count
        }
        return classify ? Double(correct) / Double(rows.count) : -squared / Double(rows.count)
    }

    /// The tensor the loss reads, for a batch.
    func output(_ batch: Matrix, values: [String: GraphTensor]) throws(CondenseError) -> GraphTensor {
        let tape = try differentiator.forward([graph.primaryInput.name: try executor.inputTensor(batch)], values: values)
        guard let y = tape.values[objective.tensor] else { throw .internalError("the trained output was not computed") }
        return y
    }

    /// The mean loss of `rows` and its gradient with respect to every trained constant.
    /// Data parallel: each worker differentiates a shard of the batch (its loss weighted by
    /// its share) and the gradients are summed, which is the same step as one pass.
    func gradients(_ rows: [Int], of data: Dataset, values: [String: GraphTensor]) throws(CondenseError) -> (Double, [String: [Float]]) {
        let shards = FineTuning.split(rows, into: rows.count >= 8 * workers ? workers : 1)
        let parts = try FineTuning.parallel(shards.count) { (s) throws(CondenseError) -> (Double, [String: [Float]]) in
            let part = shards[s]
            let batch = data.inputs.selectingRows(part)
            let tape = try differentiator.forward([graph.primaryInput.name: try executor.inputTensor(batch)], values: values)
            guard let y = tape.values[objective.tensor] else { throw .internalError("the trained output was not computed") }
            let per = y.count / part.count
            if !classify, data.targets!.count != data.count * per {
                throw .invalidData("the model has \(per) outputs per sample; the data have \(data.targets!.count / max(data.count, 1)) targets")
            }
            let taught = teacherOutputs.map { FineTuning.gatherRows($0, part, per: teacherWidth) }
            var (loss, seed) = try objective.evaluate(y, labels: classify ? part.map { data.labels![$0] } : nil,
                                                      targets: classify ? nil : FineTuning.gatherRows(data.targets!, part, per: per),
                                                      teacher: taught, distillation: distillation)
            let share = Float(part.count) / Float(rows.count)
            if share != 1 { for i in seed.indices { seed[i] *= share } }
            return (loss * Double(part.count), try differentiator.backward(tape, seed: seed, values: values))
        }
        var gradients = parts[0].1
        for part in parts.dropFirst() {
            for (name, g) in part.1 {
                gradients[name]!.withUnsafeMutableBufferPointer { p in g.withUnsafeBufferPointer { q in for i in p.indices { p[i] += q[i] } } }
            }
        }
        return (parts.reduce(0) { $0 + $1.0 } / Double(rows.count), gradients)
    }
}
