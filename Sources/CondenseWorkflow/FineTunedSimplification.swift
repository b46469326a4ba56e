import CondenseApproximate
import CondenseCore
import CondenseData
import CondenseEval
import CondenseGraph
import CondenseONNX
import CondenseTrain
import Foundation

/// Approximate unit collapse followed by fine-tuning, on a schedule:
///
/// - **one-shot**: collapse to the target fraction, then fine-tune;
/// - **iterative** (Han et al., NeurIPS 2015; Molchanov et al., ICLR 2017): remove an equal
///   share of the target in each of `steps` steps, fine-tuning after each, so that later
///   choices see the recovered network.
///
/// Fine-tuning never changes which units exist; each step's model is exported and read back
/// before the next step starts, so every number is that of a model file. With an accuracy
/// budget, ``smallest(_:calibration:train:test:maxDrop:stepFraction:)`` searches the most
/// that can go while the metric on the fine-tuning data's validation part stays within it.
public struct FineTunedSimplification: Sendable {
    public enum Schedule: String, Sendable, Codable, CaseIterable {
        case oneShot = "one-shot"
        case iterative
    }

    public var simplification: UnitSimplification
    public var tuning: FineTuning
    public var schedule = Schedule.oneShot
    /// Steps of the iterative schedule.
    public var steps = 4

    public init(simplification: UnitSimplification, tuning: FineTuning) {
        self.simplification = simplification
        self.tuning = tuning
    }

    /// One collapse and the fine-tuning after it.
    public struct Step: Sendable, Codable {
        /// The fraction of the original model's removable units gone after this step.
        public var fraction: Double
        public var units: Int
        /// The metric on the test data after the collapse and after fine-tuning.
        public var metricCollapsed: Double?
        public var metricTuned: Double?
        /// The best validation metric of the fine-tuning, and its epoch.
        public var validation: Double?
        public var bestEpoch: Int
        public var history: [FineTuning.Epoch]

        enum CodingKeys: String, CodingKey {
            case fraction, units, validation, history
            case metricCollapsed = "metric_collapsed"
            case metricTuned = "metric_tuned"
            case bestEpoch = "best_epoch"
        }
    }

    public struct Outcome: Sendable {
        public var model: ONNXModel
        public var data: Data
        /// The last collapse (its sizes and widths describe the final structure).
        public var collapse: UnitSimplification.Outcome
        public var before: UnitSimplification.Size
        public var after: UnitSimplification.Size
        public var metricBefore: Double?
        public var metricAfter: Double?
        public var steps: [Step]
        public var seconds: Double
    }

    /// Collapses `model` to `simplification.collapse.fraction` on the schedule and fine-tunes
    /// on `train`; `test` is scored after each collapse and each fine-tuning.
    public func run(_ model: ONNXModel, calibration: Dataset?, train: Dataset, test: Dataset?,
                    progress: (@Sendable (FineTuning.Progress) -> Void)? = nil) throws(CondenseError) -> Outcome {
        let clock = Elapsed()
        let target = simplification.collapse.fraction
        guard target >= 0, target < 1 else { throw .invalidArgument("the fraction to remove must be in [0, 1)") }
        let count = schedule == .iterative ? max(1, steps) : 1
        var chain = try Chain(model, test: test)
        for i in 1...count {
            try chain.advance(to: target * Double(i) / Double(count), with: self, calibration: calibration, train: train, test: test,
                              label: "\(schedule.rawValue), step \(i) of \(count)", progress: progress)
        }
        return try chain.outcome(seconds: clock.seconds)
    }

    /// The largest fraction whose fine-tuned network keeps the validation metric (the held-apart
    /// part of `train`) within `maxDrop` points of the original's, and its outcome; `nil` when
    /// even the first step drops more. Iterative: steps of `stepFraction` of the original
    /// units, fine-tuning after each, until the next step would exceed the budget (up to 95 %).
    /// One-shot: bisection of the fraction in [0, 0.95] (6 collapses and fine-tunings).
    public func smallest(_ model: ONNXModel, calibration: Dataset?, train: Dataset, test: Dataset?, maxDrop: Double,
                         stepFraction: Double = 0.1,
                         progress: (@Sendable (FineTuning.Progress) -> Void)? = nil) throws(CondenseError) -> (fraction: Double, outcome: Outcome)? {
        guard maxDrop >= 0, maxDrop.isFinite else { throw .invalidArgument("the accuracy drop must be a number of points >= 0") }
        guard stepFraction > 0, stepFraction < 1 else { throw .invalidArgument("the step fraction must be in (0, 1)") }
        let task = try FineTuneJob.task(of: model, data: train)
        var probe = tuning
        probe.epochs = 0
        guard let baseline = try probe.run(model.graph, data: train, classify: task == .classify).history[0].validationMetric else {
            throw .invalidArgument("an accuracy-drop target needs a validation part (a validation fraction above 0)")
        }
        func within(_ step: Step?) -> Bool { 100 * (baseline - (step?.validation ?? -.infinity)) <= maxDrop }
        if schedule == .iterative {
            let clock = Elapsed()
            var chain = try Chain(model, test: test)
            var best: (Double, Outcome)?
            while chain.removed + stepFraction <= 0.95 + 1e-9 {
                var next = chain
                try next.advance(to: chain.removed + stepFraction, with: self, calibration: calibration, train: train, test: test,
                                 label: "iterative, step \(chain.steps.count + 1)", progress: progress)
                guard within(next.steps.last) else { break }
                chain = next
                best = (chain.removed, try chain.outcome(seconds: clock.seconds))
            }
            return best.map { (fraction: $0.0, outcome: $0.1) }
        }
        var lo = 0.0, hi = 0.95
        var best: (Double, Outcome)?
        for _ in 0..<6 {
            let mid = (lo + hi) / 2
            var job = self
            job.simplification.collapse.fraction = mid
            let o = try job.run(model, calibration: calibration, train: train, test: test, progress: progress)
            if within(o.steps.last) { best = (mid, o); lo = mid } else { hi = mid }
        }
        return best.map { (fraction: $0.0, outcome: $0.1) }
    }

    /// The steps taken so far from an original model: each collapses the current model to a
    /// share of the original's units and fine-tunes it, distilling from the original.
    struct Chain {
        let original: ONNXModel
        let metricBefore: Double?
        var current: ONNXModel
        var data = Data()
        /// The fraction of the original's removable units gone.
        var removed = 0.0
        var steps: [Step] = []
        var first: UnitSimplification.Outcome?
        var last: UnitSimplification.Outcome?

        /// `test` is scored once here, for the original.
        init(_ model: ONNXModel, test: Dataset?) throws(CondenseError) {
            original = model
            current = model
            metricBefore = try test.flatMap { (t) throws(CondenseError) in
                try ModelEvaluator().evaluate(model, inputs: t.inputs, labels: t.labels, targets: t.targets).0.headline
            }
        }

        /// Collapses the current model until `fraction` of the original's units are gone, then
        /// fine-tunes it; the current model's test metric is the last step's, not measured again.
        mutating func advance(to fraction: Double, with plan: FineTunedSimplification, calibration: Dataset?, train: Dataset,
                              test: Dataset?, label: String,
                              progress: (@Sendable (FineTuning.Progress) -> Void)?) throws(CondenseError) {
            var job = plan.simplification
            job.collapse.fraction = 1 - (1 - fraction) / (1 - removed)
            let collapsed = try job.run(current, calibration: calibration, data: test, metricBefore: steps.last?.metricTuned ?? metricBefore)
            let tuned = try FineTuneJob(tuning: plan.tuning).run(collapsed.model, train: train, test: test, metricBefore: collapsed.metricAfter,
                                                                metadata: ["condense.schedule": label], teacher: original,
                                                                progress: progress)
            first = first ?? collapsed
            last = collapsed
            current = tuned.model
            data = tuned.data
            removed = fraction
            steps.append(Step(fraction: fraction, units: collapsed.result.unitsAfter, metricCollapsed: collapsed.metricAfter,
                              metricTuned: tuned.metricAfter, validation: tuned.result.history[tuned.result.bestEpoch].validationMetric,
                              bestEpoch: tuned.result.bestEpoch, history: tuned.result.history))
        }

        func outcome(seconds: Double) throws(CondenseError) -> Outcome {
            guard let first, let last else { throw .internalError("no step was taken") }
            let after = try UnitSimplification.size(current.graph, features: original.inputFeatures, units: last.result.unitsAfter)
            return Outcome(model: current, data: data, collapse: last, before: first.before, after: after,
                           metricBefore: metricBefore, metricAfter: steps.last?.metricTuned, steps: steps, seconds: seconds)
        }
    }
}
