import ArgumentParser
import CondenseApproximate
import CondenseCore
import CondenseData
import CondenseGraph
import CondenseONNX
import CondenseTrain
import CondenseWorkflow
import Foundation

extension SimplifyCommand {
    /// `--mode approx --units`: the same fraction of every removable layer's conv channels and
    /// neurons, chosen by `--criterion`, compensated by `--compensation`; writes the model and
    /// reports units, parameters, FLOPs and the metric before and after.
    func runUnits() throws {
        let options = approximate
        guard options.remove != nil || options.maxAccuracyDrop != nil || options.epsilon != nil else {
            throw CondenseError.invalidArgument("--units needs --remove F (the fraction of every removable layer's units), "
                                                + "--max-accuracy-drop PP or --epsilon E")
        }
        if options.epsilon != nil, fineTune.finetuneEpochs > 0 {
            throw CondenseError.invalidArgument("--epsilon bounds the collapse's output change, which fine-tuning would not keep; "
                                                + "use --remove or --max-accuracy-drop with --finetune-epochs")
        }
        let onnx = try ONNXModel.load(path: model)
        let calibration = try options.calibration.map { path in
            try Dataset.load(path: path, scale: onnx.inputScale, limit: options.calibrationSize, split: .train)
        }
        if calibration == nil, options.criterion.needsData || options.compensation == .leastSquares {
            throw CondenseError.invalidArgument("--criterion \(options.criterion.rawValue) with --compensation "
                                                + "\(options.compensation.rawValue) needs --calibration DATA")
        }
        let dataset = try data.map { try Dataset.load(path: $0, scale: onnx.inputScale, limit: limit) }
        var collapse = ApproximateUnitCollapse(criterion: options.criterion, compensation: options.compensation, fraction: options.remove ?? 0,
                                               layerKinds: try options.layerKinds())
        collapse.seed = seed
        collapse.positionsPerSample = options.positionsPerSample
        collapse.allocation = options.allocation
        collapse.includeCoupled = !options.keepCoupled
        let job = UnitSimplification(collapse: collapse)
        if fineTune.finetuneEpochs > 0 {
            return try runUnitsFineTuned(onnx, job: job, calibration: calibration, dataset: dataset)
        }
        var fraction = options.remove ?? 0
        let outcome: UnitSimplification.Outcome
        if let epsilon = options.epsilon {
            guard let domain = try resolveDomain(for: onnx) else {
                throw CondenseError.invalidArgument("--epsilon needs an input domain (--domain, --domain-from or model metadata)")
            }
            guard let found = try job.largestFraction(onnx, calibration: calibration, data: dataset, domain: domain, epsilon: epsilon) else {
                throw CondenseError.invalidArgument("no fraction keeps the bound on the output change within \(epsilon)")
            }
            fraction = found.fraction
            outcome = found.outcome
            Terminal.progress(String(format: "bound on the output change over the domain: %.4g (target %.4g)", found.bound, epsilon))
        } else if let drop = options.maxAccuracyDrop {
            // The fraction is chosen on the calibration data; the report scores --data.
            guard let calibration, calibration.labels != nil || calibration.targets != nil else {
                throw CondenseError.invalidArgument("--max-accuracy-drop needs labelled --calibration data")
            }
            guard let found = try job.largestFraction(onnx, calibration: calibration, check: calibration, maxDrop: drop) else {
                throw CondenseError.invalidArgument("no fraction keeps the calibration accuracy within \(drop) points")
            }
            fraction = found.fraction
            var fixed = job
            fixed.collapse.fraction = fraction
            outcome = try fixed.run(onnx, calibration: calibration, data: dataset)
        } else {
            outcome = try job.run(onnx, calibration: calibration, data: dataset)
        }
        var staged = StagedOutputs()
        let stagedModel = staged.stage(output)
        let stagedReport = report.map { staged.stage($0) }
        try AtomicFile.write(outcome.data, to: stagedModel)
        let summary = UnitSimplifyReport(outcome, model: model, output: output, criterion: options.criterion,
                                         compensation: options.compensation, fraction: fraction)
        if let stagedReport { try AtomicFile.write(try summary.jsonText(), to: stagedReport) }
        try staged.commit()
        if json { try Terminal.printJSON(summary) } else { print(summary.text) }
    }
}

extension SimplifyCommand {
    /// `--units --finetune-epochs N`: the collapse on the `--schedule`, fine-tuned on
    /// `--finetune-data` (default the calibration file, all of its training split).
    func runUnitsFineTuned(_ onnx: ONNXModel, job: UnitSimplification, calibration: Dataset?, dataset: Dataset?) throws {
        let options = approximate, tune = fineTune
        guard let path = tune.finetuneData ?? options.calibration else {
            throw CondenseError.invalidArgument("--finetune-epochs needs training data: --finetune-data or --calibration")
        }
        let train = try Dataset.load(path: path, scale: onnx.inputScale, limit: tune.finetuneLimit, split: .train)
        var plan = FineTunedSimplification(simplification: job, tuning: tune.training.tuning(epochs: tune.finetuneEpochs, memory: maxMemory))
        plan.schedule = tune.schedule
        plan.steps = tune.steps
        let bar = TrainingProgressBar()
        var fraction = options.remove ?? 0
        let outcome: FineTunedSimplification.Outcome
        if let drop = options.maxAccuracyDrop {
            guard let found = try plan.smallest(onnx, calibration: calibration, train: train, test: dataset, maxDrop: drop,
                                                stepFraction: tune.stepFraction, progress: { bar.update($0) }) else {
                throw CondenseError.invalidArgument("no fraction keeps the validation accuracy within \(drop) points after fine-tuning")
            }
            fraction = found.fraction
            outcome = found.outcome
        } else {
            outcome = try plan.run(onnx, calibration: calibration, train: train, test: dataset, progress: { bar.update($0) })
        }
        var staged = StagedOutputs()
        let stagedModel = staged.stage(output)
        let stagedReport = report.map { staged.stage($0) }
        try AtomicFile.write(outcome.data, to: stagedModel)
        let summary = FineTunedSimplifyReport(outcome, model: model, output: output, criterion: options.criterion,
                                              compensation: options.compensation, fraction: fraction, schedule: tune.schedule,
                                              training: train.description)
        if let stagedReport { try AtomicFile.write(try summary.jsonText(), to: stagedReport) }
        try staged.commit()
        if json { try Terminal.printJSON(summary) } else { print(summary.text) }
    }
}

/// The JSON of `simplify --mode approx --units --finetune-epochs N`.
struct FineTunedSimplifyReport: JSONReport {
    var model: String
    var output: String
    var criterion: String
    var compensation: String
    var schedule: String
    var fraction: Double
    var training: String
    var before: UnitSimplification.Size
    var after: UnitSimplification.Size
    var metricBefore: Double?
    var metricAfter: Double?
    var steps: [FineTunedSimplification.Step]
    var seconds: Double

    init(_ o: FineTunedSimplification.Outcome, model: String, output: String, criterion: UnitCriterion, compensation: UnitCompensation,
         fraction: Double, schedule: FineTunedSimplification.Schedule, training: String) {
        self.model = model
        self.output = output
        self.criterion = criterion.rawValue
        self.compensation = compensation.rawValue
        self.schedule = schedule.rawValue
        self.fraction = fraction
        self.training = training
        before = o.before
        after = o.after
        metricBefore = o.metricBefore
        metricAfter = o.metricAfter
        steps = o.steps
        seconds = o.seconds
    }

    enum CodingKeys: String, CodingKey {
        case model, output, criterion, compensation, schedule, fraction, training, before, after, steps, seconds
        case metricBefore = "metric_before"
        case metricAfter = "metric_after"
    }

    var text: String {
        func pct(_ v: Double?) -> String { v.map { String(format: "%.2f %%", 100 * $0) } ?? "-" }
        let sizes = UnitSimplification.Size.table(before: before, after: after)
        var stepTable = Table("step", "removed", "units", "after collapse", "after fine-tuning", "validation", "epoch kept")
        for (i, s) in steps.enumerated() {
            stepTable.add("\(i + 1)", String(format: "%.1f %%", 100 * s.fraction), "\(s.units)", pct(s.metricCollapsed), pct(s.metricTuned),
                          pct(s.validation), "\(s.bestEpoch)")
        }
        var lines = ["Approximate unit collapse of \(model) -> \(output): \(criterion) with \(compensation) compensation, "
                     + String(format: "%.1f %% of every removable layer, %@, fine-tuned on %@, %.1f s", 100 * fraction, schedule, training, seconds),
                     "", sizes, "", stepTable.rendered]
        if let a = metricBefore, let b = metricAfter {
            lines.append("")
            lines.append(String(format: "metric on the data: %.2f %% -> %.2f %% (%+.2f points)", 100 * a, 100 * b, 100 * (b - a)))
        }
        return lines.joined(separator: "\n")
    }
}

/// The JSON of `simplify --mode approx --units`.
struct UnitSimplifyReport: JSONReport {
    var model: String
    var output: String
    var criterion: String
    var compensation: String
    var fraction: Double
    var before: UnitSimplification.Size
    var after: UnitSimplification.Size
    var metricBefore: Double?
    var metricAfter: Double?
    var layers: [Layer]
    var exportRoundTrip: Double?
    var seconds: Double

    struct Layer: Encodable {
        var name: String
        var before: Int
        var after: Int
    }

    init(_ o: UnitSimplification.Outcome, model: String, output: String, criterion: UnitCriterion,
         compensation: UnitCompensation, fraction: Double) {
        self.model = model
        self.output = output
        self.criterion = criterion.rawValue
        self.compensation = compensation.rawValue
        self.fraction = fraction
        before = o.before
        after = o.after
        metricBefore = o.metricBefore
        metricAfter = o.metricAfter
        layers = o.result.widths.map { Layer(name: $0.layer, before: $0.before, after: $0.after) }
        exportRoundTrip = o.exportRoundTrip?.maxRelativeChange
        seconds = o.result.seconds
    }

    enum CodingKeys: String, CodingKey {
        case model, output, criterion, compensation, fraction, before, after, layers, seconds
        case metricBefore = "metric_before"
        case metricAfter = "metric_after"
        case exportRoundTrip = "export_round_trip_max_relative_change"
    }

    var text: String {
        let sizes = UnitSimplification.Size.table(before: before, after: after)
        var layerTable = Table("layer", "units before", "after")
        for l in layers { layerTable.add(l.name, "\(l.before)", "\(l.after)") }
        var lines = ["Approximate unit collapse of \(model) -> \(output): \(criterion) with \(compensation) compensation, "
                     + String(format: "%.0f %% of every removable layer, %.2f s", 100 * fraction, seconds),
                     "", sizes, "", layerTable.rendered]
        if let a = metricBefore, let b = metricAfter {
            lines.append("")
            lines.append(String(format: "metric on the data: %.2f %% -> %.2f %% (%+.2f points)", 100 * a, 100 * b, 100 * (b - a)))
        }
        if let r = exportRoundTrip { lines.append(String(format: "exported ONNX read back: max relative change %.3g", r)) }
        return lines.joined(separator: "\n")
    }
}

extension UnitSimplification.Size {
    /// Units, parameters and FLOPs before and after, with the share removed.
    static func table(before: Self, after: Self) -> String {
        var sizes = Table("", "before", "after", "removed")
        func row(_ name: String, _ a: Int, _ b: Int) {
            sizes.add(name, "\(a)", "\(b)", a > 0 ? String(format: "%.1f %%", 100 * Double(a - b) / Double(a)) : "-")
        }
        row("units (removable layers)", before.units, after.units)
        row("parameters", before.parameters, after.parameters)
        row("FLOPs per sample", before.flops, after.flops)
        return sizes.rendered
    }
}
