import ArgumentParser
import CondenseCore
import CondenseTrain
import CondenseWorkflow
import Foundation

extension OptimizerKind: ExpressibleByArgument {}
extension LearningRateSchedule: ExpressibleByArgument {}

/// The training options shared by `finetune` and `simplify --finetune-epochs`.
struct FineTuneOptions: ParsableArguments {
    @Option(help: "Samples per mini-batch.") var batchSize = 64
    @Option(help: "sgd (with momentum) or adam.") var optimizer = OptimizerKind.adam
    @Option(name: .customLong("lr"), help: "Learning rate (default: 0.001 for adam, 0.01 for sgd).") var learningRate: Float?
    @Option(help: "constant, or cosine (annealed to 0 over all steps).") var lrSchedule = LearningRateSchedule.constant
    @Option(help: "SGD momentum.") var momentum: Float = 0.9
    @Option(help: "L2 weight decay added to the gradients.") var weightDecay: Float = 0
    @Option(help: "Fraction of the training data held apart for validation; the best epoch on it is kept (0: keep the last epoch).")
    var validationFraction = 0.1
    @Option(name: .customLong("train-seed"), help: "Seed of the validation split and the shuffling.") var trainSeed: UInt64 = 0
    @Option(help: "simplify: weight of knowledge distillation from the original model (0: labels only; 1: the original's outputs only).")
    var distill: Float = 0
    @Option(help: "Temperature of the distillation's softened softmax.") var distillTemperature: Float = 4

    func validate() throws {
        if batchSize <= 0 || batchSize > 65_536 { throw ValidationError("--batch-size must be in 1...65536") }
        if let learningRate, !(learningRate.isFinite && learningRate > 0) { throw ValidationError("--lr must be a positive number") }
        if !(momentum.isFinite && momentum >= 0 && momentum < 1) { throw ValidationError("--momentum must be in [0, 1)") }
        if !(weightDecay.isFinite && weightDecay >= 0) { throw ValidationError("--weight-decay must be >= 0") }
        if !(validationFraction >= 0 && validationFraction < 1) { throw ValidationError("--validation-fraction must be in [0, 1)") }
        if !(distill >= 0 && distill <= 1) { throw ValidationError("--distill must be in [0, 1]") }
        if !(distillTemperature.isFinite && distillTemperature > 0) { throw ValidationError("--distill-temperature must be positive") }
    }

    /// The training configuration; `memory` is the command's `--max-memory` in GB.
    func tuning(epochs: Int, memory: Double) -> FineTuning {
        var t = FineTuning(epochs: epochs)
        t.batchSize = batchSize
        t.optimizer = optimizer
        t.learningRate = learningRate
        t.momentum = momentum
        t.schedule = lrSchedule
        t.weightDecay = weightDecay
        t.validationFraction = validationFraction
        t.seed = trainSeed
        t.memory = MemoryBudget(bytes: Int(memory * Double(1 << 30)))
        if distill > 0 { t.distillation = .init(weight: distill, temperature: distillTemperature) }
        return t
    }
}

/// A progress bar on stderr: redrawn in place on a terminal, one line per epoch otherwise.
final class TrainingProgressBar: @unchecked Sendable {
    private let interactive = isatty(2) != 0
    private let lock = NSLock()
    private let label: String

    init(label: String = "fine-tuning") { self.label = label }

    func update(_ p: FineTuning.Progress) {
        lock.lock()
        defer { lock.unlock() }
        let fraction = Double(p.samplesDone) / Double(max(p.samples, 1))
        let filled = Int((fraction * 24).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 24 - filled)
        var line = String(format: "%@ epoch %d/%d [%@] loss %.4f, %.0f samples/s", label, p.epoch, p.epochs, bar, p.loss, p.samplesPerSecond)
        if let v = p.validationMetric { line += String(format: ", validation %.4f", v) }
        if interactive {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(line)\(p.validationMetric != nil ? "\n" : "")".utf8))
        } else if p.validationMetric != nil {
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
    }
}

extension FineTunedSimplification.Schedule: ExpressibleByArgument {}

/// `simplify --mode approx --units ... --finetune-epochs N`: fine-tuning after the collapse.
struct SimplifyFineTuneOptions: ParsableArguments {
    @Option(help: "Fine-tune for N epochs after the collapse (approx --units; 0: no fine-tuning).") var finetuneEpochs = 0
    @Option(help: "Training data for fine-tuning (an MNIST folder is read as its train split; default: --calibration, all of it).")
    var finetuneData: String?
    @Option(help: "Use only the first N samples of the fine-tuning data.") var finetuneLimit: Int?
    @Option(help: "one-shot (collapse, then fine-tune) or iterative (remove a share, fine-tune, repeat).")
    var schedule = FineTunedSimplification.Schedule.oneShot
    @Option(help: "iterative: the number of steps to --remove; with --max-accuracy-drop, see --step-fraction.") var steps = 4
    @Option(help: "iterative with --max-accuracy-drop: the share of the original units removed per step.") var stepFraction = 0.1
    @OptionGroup(title: "Fine-tuning") var training: FineTuneOptions

    func validate() throws {
        if finetuneEpochs < 0 || finetuneEpochs > 10_000 { throw ValidationError("--finetune-epochs must be in 0...10000") }
        if let finetuneLimit, finetuneLimit <= 0 { throw ValidationError("--finetune-limit must be positive") }
        if steps < 1 || steps > 100 { throw ValidationError("--steps must be in 1...100") }
        if !(stepFraction > 0 && stepFraction < 1) { throw ValidationError("--step-fraction must be in (0, 1)") }
    }
}
