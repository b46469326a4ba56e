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
        let session = try TrainingSession(graph: graph, classify: classify, data: data, teacher: teacher, distillation: distillation,
                                          workers: graph.nodes.contains { $0.isONNX("Conv") } ? max(1, min(threads ?? BLASThreads.current, 16)) : 1)
        // Convolutional graphs: workers run single-threaded OpenBLAS side by side (their many
        // small products and window loops scale better so). Dense graphs: one worker, whose
        // large products OpenBLAS threads itself. A fixed rule, so a seed gives one result.
        let blasThreads = BLASThreads.current
        if session.workers > 1 { BLASThreads.set(1) }
        defer { if session.workers > 1 { BLASThreads.set(blasThreads) } }

        // The held-apart split, drawn once with the seed.
        var generator = SplitMix64(seed: seed ^ 0x5EED_F17E)
        var order = Array(0..<data.count)
        order.shuffle(using: &generator)
        let validationCount = Int((Double(data.count) * validationFraction).rounded())
        let validation = Array(order.prefix(validationCount)), training = Array(order.dropFirst(validationCount))
        guard !training.isEmpty else { throw .invalidData("no training samples are left after the validation split") }

        var values = try session.initialValues()
        let monitorRows = monitor.map { Array(0..<$0.count) } ?? []
        func record(epoch: Int, loss: Double?, seconds: Double, samples: Int) throws(CondenseError) -> Epoch {
            let current = session.tensors(values)
            return Epoch(epoch: epoch, trainLoss: loss, validationMetric: try session.metric(validation, of: data, values: current),
                         monitorMetric: try monitor.flatMap { (m) throws(CondenseError) in try session.metric(monitorRows, of: m, values: current) },
                         seconds: seconds, samplesPerSecond: samples > 0 ? Double(samples) / max(seconds, 1e-9) : nil)
        }
        let clock = Elapsed()
        var history = [try record(epoch: 0, loss: nil, seconds: clock.seconds, samples: 0)]
        var best = (epoch: 0, metric: history[0].validationMetric ?? -.infinity, values: values)
        var step = optimizer.make(learningRate: rate, momentum: momentum, weightDecay: weightDecay)
        let totalSteps = (training.count + batchSize - 1) / batchSize * epochs
        var stepIndex = 0
        for epoch in 1...max(epochs, 1) where epochs > 0 {
            let started = Elapsed()
            var shuffled = training
            shuffled.shuffle(using: &generator)
            var totalLoss = 0.0, done = 0
            while done < shuffled.count {
                let rows = Array(shuffled[done..<min(shuffled.count, done + batchSize)])
                let (loss, gradients) = try session.gradients(rows, of: data, values: session.tensors(values))
                guard loss.isFinite else {
                    throw .invalidData("the training loss became \(loss) in epoch \(epoch); try a smaller learning rate")
                }
                step.learningRate = schedule.rate(rate, step: stepIndex, of: totalSteps)
                stepIndex += 1
                step.step(&values, gradients: gradients)
                totalLoss += loss * Double(rows.count)
                done += rows.count
                if let progress, (done / batchSize) % 16 == 0 || done >= shuffled.count {
                    progress(Progress(epoch: epoch, epochs: epochs, samplesDone: done, samples: shuffled.count,
                                      loss: totalLoss / Double(done), samplesPerSecond: Double(done) / max(started.seconds, 1e-9)))
                }
            }
            let entry = try record(epoch: epoch, loss: totalLoss / Double(max(done, 1)), seconds: started.seconds, samples: done)
            history.append(entry)
            progress?(Progress(epoch: epoch, epochs: epochs, samplesDone: done, samples: shuffled.count, loss: entry.trainLoss ?? 0,
                               samplesPerSecond: entry.samplesPerSecond ?? 0, validationMetric: entry.validationMetric))
            // The best validation epoch (ties go to the later one); without validation, the last.
            if let m = entry.validationMetric { if m >= best.metric { best = (epoch, m, values) } } else { best = (epoch, 0, values) }
        }
        var constants = graph.constants
        for (name, t) in session.tensors(best.values) { constants[name] = t }
        let trained = try graph.replacing(nodes: graph.nodes, constants: constants)
        return Result(graph: trained, history: history, bestEpoch: best.epoch, objective: session.objective,
                      trainedParameters: values.values.reduce(0) { $0 + $1.count },
                      trainingSamples: training.count, validationSamples: validation.count)
    }
}
