import ArgumentParser
import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseGraph
import CondenseONNX
import CondenseWorkflow
import Foundation

/// The options of `condense simplify --mode approx`.
struct ApproximateSimplifyOptions: ParsableArguments {
    @Option(help: "approx: remove this fraction of the hidden neurons (exact removals included), e.g. 0.5.")
    var remove: Double?
    @Option(help: "approx: remove as much as possible while the calibration accuracy drops by at most PP points.")
    var maxAccuracyDrop: Double?
    @Option(help: "approx: remove as much as possible while the output-change bound stays at most E.")
    var epsilon: Double?
    @Option(help: "approx: calibration data from the training set (an MNIST folder is read as its train split).")
    var calibration: String?
    @Option(help: "approx: calibration samples (the first N).") var calibrationSize = 5000
    @Option(help: ArgumentHelp("approx: reduction method (default condense-ls with calibration data, condense-merge "
                               + "without): " + ReductionMethods.names.joined(separator: ", ") + "."))
    var method: String?
    @Flag(help: "approx: remove the same fraction from every hidden layer instead of ranking globally.")
    var perLayer = false
    @Flag(help: ArgumentHelp("approx: act on the whole graph's units, conv channels and neurons (coupled channels together), "
          + "removing --remove of every removable layer; see --criterion and --compensation."))
    var units = false
    @Option(help: ArgumentHelp("approx --units: how units are chosen: "
                               + UnitCriterion.allCases.map(\.rawValue).joined(separator: ", ") + "."))
    var criterion = UnitCriterion.condense
    @Option(help: "approx --units: compensation of the consumers: ls (least squares on calibration data) or none.")
    var compensation = UnitCompensation.leastSquares
    @Option(help: "approx --units: which layers lose units: all, channels (convolutions) or neurons (dense layers).")
    var unitKinds = "all"
    @Flag(help: "approx --units: leave layers coupled by residual Adds (a residual stream's channels) whole.")
    var keepCoupled = false
    @Option(help: "approx --units: uniform (the same fraction of every layer) or global (condense only: the same total where the least-squares error grows least).")
    var allocation = UnitAllocation.uniform
    @Option(help: "approx --units: output positions sampled per calibration image for the convolution fits.")
    var positionsPerSample = 16

    /// `--unit-kinds` as layer kinds.
    func layerKinds() throws -> Set<UnitLayer.Kind> {
        switch unitKinds {
        case "all": return [.channels, .neurons]
        case "channels": return [.channels]
        case "neurons": return [.neurons]
        default: throw ValidationError("--unit-kinds must be all, channels or neurons")
        }
    }

    func validate() throws {
        let targets = [remove != nil, maxAccuracyDrop != nil, epsilon != nil].filter { $0 }.count
        if targets > 1 { throw ValidationError("give one of --remove, --max-accuracy-drop and --epsilon") }
        if calibrationSize <= 0 { throw ValidationError("--calibration-size must be positive") }
    }

    /// The target, or an error when approximate mode has none.
    func target() throws -> ApproximateCollapseOptions.Target {
        if let remove { return .fraction(remove) }
        if let maxAccuracyDrop { return .maxAccuracyDrop(maxAccuracyDrop) }
        if let epsilon { return .epsilon(epsilon) }
        throw CondenseError.invalidArgument("--mode approx needs --remove, --max-accuracy-drop or --epsilon")
    }
}

extension SimplifyCommand {
    /// `--mode approx`: exact collapse, then approximate collapse with the chosen method;
    /// writes the smaller model and reports the bound next to the measured change.
    func runApproximate() async throws {
        let options = approximate
        if options.units { return try runUnits() }
        let onnx = try ONNXModel.load(path: model)
        let modelDomain = try resolveDomain(for: onnx)
        var exact = ExactCollapseOptions(tolerance: tolerance, maxParameterGrowth: maxParameterGrowth,
                                         boundMethod: bounds, refining: !noRefinement)
        exact.timeLimit = timeLimit
        let calibration = try options.calibration.map { path in
            try Dataset.load(path: path, scale: onnx.inputScale, limit: options.calibrationSize, split: .train)
        }
        let method = try options.method.map { try ReductionMethods.named($0) }
            ?? ReductionMethods.defaultMethod(hasCalibration: calibration != nil)
        var job = ApproximateSimplification(
            method: method,
            options: ApproximateCollapseOptions(target: try options.target(), allocation: options.perLayer ? .perLayer : .global,
                                                exact: exact, randomPoints: randomPoints ?? 1000, seed: seed),
            domain: modelDomain)
        job.memory = MemoryBudget(bytes: Int(maxMemory * Double(1 << 30)))
        job.fitPointsToMemory = randomPoints == nil
        let dataset = try data.map { try Dataset.load(path: $0, scale: onnx.inputScale, limit: limit) }
        // The model and its report are staged and moved into place together (report last).
        var staged = StagedOutputs()
        let stagedModel = staged.stage(output)
        let stagedReport = report.map { staged.stage($0) }
        let outcome = try job.run(onnx, calibration: calibration, writingTo: stagedModel, data: dataset)
        let summary = ApproximateSimplifyReport(model: model, output: output, calibration: calibration?.description,
                                                result: outcome.result, data: outcome.data, exportRoundTrip: outcome.exportRoundTrip)
        if let stagedReport { try AtomicFile.write(try summary.jsonText(), to: stagedReport) }
        try staged.commit()
        if json { try Terminal.printJSON(summary) } else { print(summary.text) }
    }
}

extension UnitCriterion: ExpressibleByArgument {}
extension UnitCompensation: ExpressibleByArgument {}
extension UnitAllocation: ExpressibleByArgument {}

typealias DataCheck = ApproximateSimplification.DataCheck

/// The JSON of `condense simplify --mode approx`: the result's keys at the top level, plus the files.
struct ApproximateSimplifyReport: Encodable {
    var model: String
    var output: String
    var calibration: String?
    var result: ApproximateResult
    var data: DataCheck?
    var exportRoundTrip: OutputDeviation

    enum Keys: String, CodingKey {
        case model, output, data, mode
        case calibrationDescription = "calibration_description"
        case exportRoundTrip = "export_round_trip"
    }

    func encode(to encoder: Encoder) throws {
        try result.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("approx", forKey: .mode)
        try container.encode(model, forKey: .model)
        try container.encode(output, forKey: .output)
        try container.encodeIfPresent(calibration, forKey: .calibrationDescription)
        try container.encodeIfPresent(data, forKey: .data)
        try container.encode(exportRoundTrip, forKey: .exportRoundTrip)
    }

    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    var text: String {
        let r = result
        var sizes = Table("", "before", "after", "removed")
        func row(_ name: String, _ a: Int, _ b: Int) {
            sizes.add(name, "\(a)", "\(b)", a > 0 ? String(format: "%.1f %%", 100 * Double(a - b) / Double(a)) : "-")
        }
        row("hidden neurons", r.before.hiddenNeurons, r.after.hiddenNeurons)
        row("parameters", r.before.parameters, r.after.parameters)
        row("edges", r.before.edges, r.after.edges)
        var rules = Table("rule", "neurons removed")
        for (rule, count) in r.removedByRule.sorted(by: { $0.key < $1.key }) where count > 0 { rules.add(rule, "\(count)") }
        var change = Table("output change (logits)", "samples", "bound", "measured max |change|", "same argmax")
        let g = { (v: Double?) in v.map { String(format: "%.4g", $0) } ?? "-" }
        if let d = r.randomPoints {
            let box = r.domain?.summary ?? ""
            change.add("random points in \(box)", "\(d.samples)", g(r.bound.onDomain), g(d.maxAbsChange),
                       String(format: "%.2f %%", 100 * d.predictionAgreement))
            if r.bound.sideBySide != nil {
                change.add("  bounds: path norms \(g(r.bound.domain)), side-by-side CROWN \(g(r.bound.sideBySide))", "", "", "", "")
            }
        }
        if let d = r.calibrationChange {
            change.add("calibration data", "\(d.samples)", g(r.bound.calibration), g(d.maxAbsChange),
                       String(format: "%.2f %%", 100 * d.predictionAgreement))
        }
        if let d = data {
            change.add("data", "\(d.change.samples)", "-", g(d.change.maxAbsChange),
                       String(format: "%.2f %%", 100 * d.change.predictionAgreement))
        }
        change.add("exported ONNX read back (whole graph)", "\(exportRoundTrip.samples)", "0", g(exportRoundTrip.maxAbsChange), "-")
        var lines = ["Approximate collapse of \(model) -> \(output)",
                     "method \(r.method), \(r.allocation.rawValue) allocation, target \(r.target), widths "
                        + "\(r.before.widths) -> \(r.after.widths), "
                        + String(format: "%.2f s (exact %.2f s, reduction %.2f s, bound %.2f s)", r.totalSeconds,
                                 r.secondsExact, r.secondsReduction, r.secondsBound),
                     "", sizes.rendered, "", rules.rendered, "", change.rendered]
        if let before = r.calibrationAccuracyBefore, let after = r.calibrationAccuracyAfter {
            lines.append(String(format: "calibration accuracy %.2f %% -> %.2f %%", 100 * before, 100 * after))
        }
        if let d = data, let before = d.accuracyBefore, let after = d.accuracyAfter {
            lines.append(String(format: "data accuracy %.2f %% -> %.2f %% (drop %.2f points)", 100 * before, 100 * after,
                                100 * (before - after)))
        }
        return lines.joined(separator: "\n")
    }
}
