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
        let start = DispatchTime.now().uptimeNanoseconds
        let target = simplification.collapse.fraction
        guard target >= 0, target < 1 else { throw .invalidArgument("the fraction to remove must be in [0, 1)") }
        let count = schedule == .iterative ? max(1, steps) : 1
        let task = try FineTuneJob.task(of: model, data: train)
        var metricBefore: Double?
        if let test {
            metricBefore = try ModelEvaluator().evaluate(model, inputs: test.inputs, labels: test.labels, targets: test.targets,
                                                         task: task).0.headline
        }
        var current = model, bytes = Data()
        var record: [Step] = []
        var first: UnitSimplification.Outcome?, last: UnitSimplification.Outcome?
        for i in 1...count {
            // Kept share of the original after step i: 1 − target·i/count; this step's share of what is left.
            let keptBefore = 1 - target * Double(i - 1) / Double(count), keptAfter = 1 - target * Double(i) / Double(count)
            var job = simplification
            job.collapse.fraction = 1 - keptAfter / keptBefore
            let collapsed = try job.run(current, calibration: calibration, data: test)
            if first == nil { first = collapsed }
            last = collapsed
            let tuned = try FineTuneJob(tuning: tuning).run(collapsed.model, train: train, test: test, metricBefore: collapsed.metricAfter,
                                                           metadata: ["condense.schedule": "\(schedule.rawValue), step \(i) of \(count)"],
                                                           teacher: model, progress: progress)
            current = tuned.model
            bytes = tuned.data
            record.append(Step(fraction: target * Double(i) / Double(count), units: collapsed.result.unitsAfter,
                               metricCollapsed: collapsed.metricAfter, metricTuned: tuned.metricAfter,
                               validation: tuned.result.history[tuned.result.bestEpoch].validationMetric,
                               bestEpoch: tuned.result.bestEpoch, history: tuned.result.history))
        }
        let features = model.inputFeatures
        let after = try UnitSimplification.size(current.graph, features: features, units: last!.result.unitsAfter)
        return Outcome(model: current, data: bytes, collapse: last!, before: first!.before, after: after,
                       metricBefore: metricBefore, metricAfter: record.last?.metricTuned, steps: record,
                       seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
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
        func within(_ o: Outcome) -> Bool { 100 * (baseline - (o.steps.last?.validation ?? -.infinity)) <= maxDrop }
        if schedule == .iterative {
            var best: (Double, Outcome)?
            var job = self
            job.schedule = .oneShot
            var current = model
            var removed = 0.0
            var before: UnitSimplification.Size?
            var steps: [Step] = []
            let start = DispatchTime.now().uptimeNanoseconds
            while removed + stepFraction <= 0.95 + 1e-9 {
                let next = removed + stepFraction
                job.simplification.collapse.fraction = 1 - (1 - next) / (1 - removed)
                var o = try job.run(current, calibration: calibration, train: train, test: test, progress: progress)
                guard within(o) else { break }
                before = before ?? o.before
                o.steps[0].fraction = next
                steps += o.steps
                o.steps = steps
                o.before = before!
                o.metricBefore = steps.count == 1 ? o.metricBefore : best?.1.metricBefore
                o.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                best = (next, o)
                current = o.model
                removed = next
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
            if within(o) { best = (mid, o); lo = mid } else { hi = mid }
        }
        return best.map { (fraction: $0.0, outcome: $0.1) }
    }
}
