import CondenseCore
import CondenseData
import CondenseGraph
import Foundation

/// Fine-tuning of a whole graph by backpropagation: the weights and biases of every unit
/// layer (``TrainableParameters``) are trained by mini-batch SGD with momentum or Adam on
/// cross-entropy (classifiers) or mean squared error (regressors), with a fixed seed. A part
/// of the data is held apart for validation; after each epoch it is scored, and the best
/// epoch's weights are kept (epoch 0, the network as given, included, so fine-tuning never
/// returns a network that validates worse than its input). The structure, which units exist,
/// never changes: only constant values do. Every node of the graph still runs at inference.
///
/// Cost per epoch: about three forward passes over the training part (the backward of each
/// product is two products, on OpenBLAS) plus one over the validation part.
public struct FineTuning: Sendable {
    public var epochs: Int
    public var batchSize = 64
    public var optimizer = OptimizerKind.adam
    /// `nil`: the optimizer's default (``OptimizerKind/defaultLearningRate``).
    public var learningRate: Float?
    public var schedule = LearningRateSchedule.constant
    public var momentum: Float = 0.9
    public var weightDecay: Float = 0
    /// The fraction of the data held apart for validation (0: none, and the last epoch is kept).
    public var validationFraction = 0.1
    public var seed: UInt64 = 0
    /// Distillation from a teacher graph (the network before collapse), if any.
    public var distillation: TrainingObjective.Distillation?
    /// What one training step may hold: the tensors of a batch's forward pass and their gradients.
    public var memory = MemoryBudget()
    /// Workers that differentiate shards of each batch of a convolutional graph side by side
    /// (`nil`: OpenBLAS's thread count); dense graphs use OpenBLAS's own threads.
    public var threads: Int?

    public init(epochs: Int) { self.epochs = epochs }

    /// Progress within an epoch, for a progress bar.
    public struct Progress: Sendable {
        public var epoch: Int
        public var epochs: Int
        public var samplesDone: Int
        public var samples: Int
        /// The mean training loss of the epoch so far.
        public var loss: Double
        public var samplesPerSecond: Double
        /// Set once the epoch is over and validated.
        public var validationMetric: Double?
    }

    /// One epoch's figures; epoch 0 is the network before training.
    public struct Epoch: Sendable, Codable, Equatable {
        public var epoch: Int
        public var trainLoss: Double?
        /// Accuracy (classifiers) or minus the MSE (regressors) on the validation part.
        public var validationMetric: Double?
        /// The same metric on the monitor data, if any (reported only, never used to choose).
        public var monitorMetric: Double?
        public var seconds: Double
        public var samplesPerSecond: Double?

        enum CodingKeys: String, CodingKey {
            case epoch, seconds
            case trainLoss = "train_loss"
            case validationMetric = "validation_metric"
            case monitorMetric = "monitor_metric"
            case samplesPerSecond = "samples_per_second"
        }
    }

    public struct Result: Sendable {
        /// The graph with the best epoch's weights.
        public var graph: ComputeGraph
        public var history: [Epoch]
        public var bestEpoch: Int
        public var objective: TrainingObjective
        public var trainedParameters: Int
        public var trainingSamples: Int
        public var validationSamples: Int
    }

    /// Fine-tunes `graph` on `data` (labels for classifiers, targets for regressors); `monitor`
    /// (e.g. the test set) is scored after every epoch for the report only.
    public func run(_ graph: ComputeGraph, data: Dataset, classify: Bool, monitor: Dataset? = nil, teacher: ComputeGraph? = nil,
                    progress: (@Sendable (Progress) -> Void)? = nil) throws(CondenseError) -> Result {
        guard epochs >= 0, epochs <= 10_000 else { throw .invalidArgument("the number of epochs must be between 0 and 10000") }
        guard batchSize >= 1, batchSize <= 1 << 16 else { throw .invalidArgument("the batch size must be between 1 and 65536") }
        guard validationFraction >= 0, validationFraction < 1 else { throw .invalidArgument("the validation fraction must be in [0, 1)") }
        let rate = learningRate ?? optimizer.defaultLearningRate
        guard rate.isFinite, rate > 0 else { throw .invalidArgument("the learning rate must be a positive number") }
        guard graph.inputs.count == 1 else {
            throw .invalidModel("fine-tuning feeds one data input; the model has \(graph.inputs.count)")
        }
        if classify, data.labels == nil { throw .invalidData("fine-tuning a classifier needs labelled data") }
        if !classify, data.targets == nil { throw .invalidData("fine-tuning a regressor needs targets") }
        // The forward tensors of a batch, kept for the backward pass, and as much again for
        // gradients: refused before any allocation when over the budget.
        let profile = try GraphProfile(graph: graph, features: data.featureCount)
        let perSample = profile.nodes.reduce(0) { total, node in
            total + node.outputShapes.reduce(0) { $0 + $1.dropFirst().reduce(1) { $0 * max($1 ?? 1, 1) } }
        }
        try memory.check(MemoryBudget.size([perSample, batchSize, 2]), what: "a training step of \(batchSize) samples",
                         hint: "use a smaller batch size")
        let objective = try TrainingObjective.find(in: graph, classify: classify)
        let parameters = TrainableParameters.find(in: graph)
        let differentiator = try GraphDifferentiator(graph: graph, parameters: parameters, output: objective.tensor)
        let executor = GraphExecutor(graph: graph)
        let teaching: (GraphExecutor, String)? = try teacher.flatMap { (t) throws(CondenseError) -> (GraphExecutor, String)? in
            guard distillation.map({ $0.weight > 0 }) == true else { return nil }
            guard let d = distillation, d.weight <= 1, d.temperature > 0, d.temperature.isFinite else {
                throw .invalidArgument("the distillation weight must be in (0, 1] and its temperature positive")
            }
            return (GraphExecutor(graph: t), try TrainingObjective.find(in: t, classify: classify).tensor)
        }
        // Convolutional graphs: workers run single-threaded OpenBLAS side by side (their many
        // small products and window loops scale better so). Dense graphs: one worker, whose
        // large products OpenBLAS threads itself. A fixed rule, so a seed gives one result.
        let convolutional = graph.nodes.contains { $0.isONNX("Conv") }
        let workers = convolutional ? max(1, min(threads ?? BLASThreads.current, 16)) : 1
        let blasThreads = BLASThreads.current
        if workers > 1 { BLASThreads.set(1) }
        defer { if workers > 1 { BLASThreads.set(blasThreads) } }

        // The held-apart split, drawn once with the seed.
        var generator = SplitMix64(seed: seed ^ 0x5EED_F17E)
        var order = Array(0..<data.count)
        order.shuffle(using: &generator)
        let validationCount = Int((Double(data.count) * validationFraction).rounded())
        let validation = Array(order.prefix(validationCount)), training = Array(order.dropFirst(validationCount))
        guard !training.isEmpty else { throw .invalidData("no training samples are left after the validation split") }

        var values: [String: [Float]] = [:]
        var shapes: [String: [Int]] = [:]
        for p in parameters {
            let t = graph.constants[p]!
            values[p] = try t.floats(p)
            shapes[p] = t.shape
        }
        func tensors(_ v: [String: [Float]]) -> [String: GraphTensor] {
            var result: [String: GraphTensor] = [:]
            for (name, floats) in v { result[name] = GraphTensor(shape: shapes[name]!, floats: floats) }
            return result
        }
        func metric(_ rows: [Int], _ source: Dataset, _ v: [String: GraphTensor]) throws(CondenseError) -> Double? {
            guard !rows.isEmpty else { return nil }
            var correct = 0, squared = 0.0
            var start = 0
            while start < rows.count {
                let chunk = Array(rows[start..<min(rows.count, start + 512)])
                let batch = Self.gather(source.inputs, chunk)
                let out = try differentiator.forward([graph.primaryInput.name: try executor.inputTensor(batch)], values: v)
                guard let y = out.values[objective.tensor] else { throw .internalError("the trained output was not computed") }
                let f = try y.floats("the trained output")
                let k = f.count / max(chunk.count, 1)
                for (r, row) in chunk.enumerated() {
                    if classify {
                        var best = 0
                        if k == 1 { best = f[r] > 0 ? 1 : 0 }  // one sigmoid logit
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
        let monitorRows = monitor.map { Array(0..<$0.count) } ?? []
        let clock = Elapsed()
        var history = [Epoch(epoch: 0, trainLoss: nil, validationMetric: try metric(validation, data, tensors(values)),
                             monitorMetric: try monitor.flatMap { (m) throws(CondenseError) in try metric(monitorRows, m, tensors(values)) },
                             seconds: clock.seconds, samplesPerSecond: nil)]
        var best = (epoch: 0, metric: history[0].validationMetric ?? -.infinity, values: values)
        var step = optimizer.make(learningRate: rate, momentum: momentum, weightDecay: weightDecay)
        let batchesPerEpoch = (training.count + batchSize - 1) / batchSize
        var stepIndex = 0
        for epoch in 1...max(epochs, 1) where epochs > 0 {
            let started = Elapsed()
            var shuffled = training
            shuffled.shuffle(using: &generator)
            var totalLoss = 0.0, done = 0
            var start = 0
            while start < shuffled.count {
                let rows = Array(shuffled[start..<min(shuffled.count, start + batchSize)])
                let current = tensors(values)
                // Data parallel: each worker differentiates a shard of the batch (its loss weighted
                // by its share), and the gradients are summed: the same step as one pass.
                let shards = Self.split(rows, into: rows.count >= 8 * workers ? workers : 1)
                let parts = try Self.parallel(shards.count) { (s) throws(CondenseError) -> (Double, [String: [Float]]) in
                    let part = shards[s]
                    let tape = try differentiator.forward([graph.primaryInput.name: try executor.inputTensor(Self.gather(data.inputs, part))],
                                                          values: current)
                    guard let y = tape.values[objective.tensor] else { throw .internalError("the trained output was not computed") }
                    let per = y.count / part.count
                    if !classify, data.targets!.count != data.count * per {
                        throw .invalidData("the model has \(per) outputs per sample; the data have \(data.targets!.count / max(data.count, 1)) targets")
                    }
                    var taught: [Float]?
                    if let (t, name) = teaching {
                        taught = try t.run([t.graph.primaryInput.name: try t.inputTensor(Self.gather(data.inputs, part))], targets: [name])[name]?
                            .floats("the teacher's output")
                    }
                    var (loss, seed) = try objective.evaluate(y, labels: classify ? part.map { data.labels![$0] } : nil,
                                                              targets: classify ? nil : Self.gatherTargets(data.targets!, part, per: per),
                                                              teacher: taught, distillation: distillation)
                    let share = Float(part.count) / Float(rows.count)
                    if share != 1 { for i in seed.indices { seed[i] *= share } }
                    return (loss * Double(part.count), try differentiator.backward(tape, seed: seed, values: current))
                }
                var gradients = parts[0].1
                for part in parts.dropFirst() {
                    for (name, g) in part.1 {
                        gradients[name]!.withUnsafeMutableBufferPointer { p in g.withUnsafeBufferPointer { q in for i in p.indices { p[i] += q[i] } } }
                    }
                }
                let loss = parts.reduce(0) { $0 + $1.0 } / Double(rows.count)
                guard loss.isFinite else {
                    throw .invalidData("the training loss became \(loss) in epoch \(epoch); try a smaller learning rate")
                }
                step.learningRate = schedule.rate(rate, step: stepIndex, of: batchesPerEpoch * epochs)
                stepIndex += 1
                step.step(&values, gradients: gradients)
                totalLoss += loss * Double(rows.count)
                done += rows.count
                start += rows.count
                if let progress, (start / batchSize) % 16 == 0 || start >= shuffled.count {
                    progress(Progress(epoch: epoch, epochs: epochs, samplesDone: done, samples: shuffled.count,
                                      loss: totalLoss / Double(done), samplesPerSecond: Double(done) / max(started.seconds, 1e-9)))
                }
            }
            let trainSeconds = started.seconds
            let current = tensors(values)
            let record = Epoch(epoch: epoch, trainLoss: totalLoss / Double(max(done, 1)),
                               validationMetric: try metric(validation, data, current),
                               monitorMetric: try monitor.flatMap { (m) throws(CondenseError) in try metric(monitorRows, m, current) },
                               seconds: trainSeconds, samplesPerSecond: Double(done) / max(trainSeconds, 1e-9))
            history.append(record)
            progress?(Progress(epoch: epoch, epochs: epochs, samplesDone: done, samples: shuffled.count, loss: record.trainLoss ?? 0,
                               samplesPerSecond: record.samplesPerSecond ?? 0, validationMetric: record.validationMetric))
            // The best validation epoch (ties go to the later one); without validation, the last.
            if let m = record.validationMetric { if m >= best.metric { best = (epoch, m, values) } } else { best = (epoch, 0, values) }
        }
        var constants = graph.constants
        for (name, t) in tensors(best.values) { constants[name] = t }
        let trained = try graph.replacing(nodes: graph.nodes, constants: constants)
        return Result(graph: trained, history: history, bestEpoch: best.epoch, objective: objective,
                      trainedParameters: parameters.reduce(0) { $0 + (values[$1]?.count ?? 0) },
                      trainingSamples: training.count, validationSamples: validation.count)
    }
}
