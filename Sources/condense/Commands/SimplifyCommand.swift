import ArgumentParser
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseONNX
import CondenseWorkflow
import Foundation

/// `condense simplify MODEL -o OUT.onnx --mode exact`: removes neurons without changing
/// the function on the input domain, writes the smaller model and a certificate.
struct SimplifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simplify",
        abstract: "Remove neurons without changing the network's function (dead ends, constants, equivalent "
            + "neurons, neurons stable on the input domain) and write the smaller model with a certificate.",
        discussion: """
            The input file is never modified; the output is written atomically. The certificate lists every \
            removed neuron (original addresses) with its rule and evidence, and the measured output change \
            on random points of the domain and on --data.
            """)

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case exact
        case approx
    }

    @Argument(help: "An ONNX model file.") var model: String
    @Option(name: .shortAndLong, help: "Where to write the simplified ONNX model.") var output: String
    @Option(help: "exact (function unchanged on the domain) or approx (bounded change; see the approx options).")
    var mode = Mode.exact
    @Option(help: "Input box LO,HI for the stability rule (default: the model's condense.input_domain).")
    var domain: String?
    @Option(help: "Take the input box from the range of this data set.") var domainFrom: String?
    @Option(help: "Max-norm distance under which normalised neuron signatures count as equal.")
    var tolerance: Double = 1e-6
    @Option(help: "Fold stably linear neurons only if parameters after <= F x parameters before.")
    var maxParameterGrowth: Double = 1.0
    @Option(help: "Bounds for the stability rule: interval, symbolic (interval, then CROWN) or branch-and-bound (CROWN, then branch and bound on first-layer ReLU splits for second-layer candidates).")
    var bounds = ExactCollapseOptions.BoundMethod.branchAndBound
    @Option(help: "Exact rules that may fire, comma-separated: dead_end, constant, equivalent, stable; 'none' writes the model back unchanged (a round trip). (default: all)")
    var rules: String?
    @Flag(help: "Compare raw weight vectors only (no partition refinement over upstream blocks).")
    var noRefinement = false
    @Option(help: "Random points of the domain on which the output change is measured (default 1000, fewer when they would not fit --max-memory; an explicit count is refused instead).")
    var randomPoints: Int?
    @Option(help: "Seed of the random points.") var seed: UInt64 = 0
    @Option(help: "Seconds the branch and bound may search; candidates it has not proved by then are kept, and the certificate counts them.")
    var timeLimit = 60.0
    @Option(help: "Memory budget in GB: larger check-point or calibration sets are refused before they are allocated.")
    var maxMemory = 4.0
    @Option(help: "Also measure the output change on this data set (MNIST folder, IDX, .npz, .npy).")
    var data: String?
    @Option(help: "Use only the first N samples of --data / --domain-from.") var limit: Int?
    @Option(help: "Also write the JSON certificate to this file.") var report: String?
    @Flag(help: "Print one JSON object on stdout.") var json = false
    @OptionGroup(title: "Approximate mode") var approximate: ApproximateSimplifyOptions
    @OptionGroup(title: "Fine-tuning after an approximate unit collapse") var fineTune: SimplifyFineTuneOptions

    func validate() throws {
        if domain != nil && domainFrom != nil { throw ValidationError("give --domain or --domain-from, not both") }
        if let randomPoints, randomPoints < 0 { throw ValidationError("--random-points must be >= 0") }
        if !(timeLimit.isFinite && timeLimit >= 0) { throw ValidationError("--time-limit must be a number of seconds >= 0") }
        if !(maxMemory > 0 && maxMemory <= 1_048_576) { throw ValidationError("--max-memory must be a positive number of GB") }
        if let limit, limit <= 0 { throw ValidationError("--limit must be positive") }
    }

    func run() async throws {
        try OutputSafety.check(
            outputs: [("-o", output), ("--report", report)],
            inputs: [("MODEL", model), ("--data", data), ("--domain-from", domainFrom), ("--calibration", approximate.calibration),
                     ("--finetune-data", fineTune.finetuneData)])
        if fineTune.finetuneEpochs > 0, mode != .approx || !approximate.units {
            throw CondenseError.invalidArgument("--finetune-epochs works with --mode approx --units (an exact certificate would not survive training)")
        }
        if mode == .approx { return try await runApproximate() }
        let onnx = try ONNXModel.load(path: model)
        let modelDomain = try resolveDomain(for: onnx)
        if modelDomain == nil {
            Terminal.progress("no input domain (--domain, --domain-from or model metadata): stability rule skipped")
        }
        var options = ExactCollapseOptions(
            tolerance: tolerance, maxParameterGrowth: maxParameterGrowth, rules: try parsedRules(), boundMethod: bounds,
            refining: !noRefinement)
        options.timeLimit = timeLimit
        let dataset = try data.map { try Dataset.load(path: $0, scale: onnx.inputScale, limit: limit) }
        // The model and its report are staged and moved into place together (report last).
        var staged = StagedOutputs()
        let stagedModel = staged.stage(output)
        let stagedReport = report.map { staged.stage($0) }
        var job = ExactSimplification(options: options, domain: modelDomain, randomPoints: randomPoints ?? 1000, seed: seed)
        job.memory = MemoryBudget(bytes: Int(maxMemory * Double(1 << 30)))
        job.fitPointsToMemory = randomPoints == nil
        let outcome = try job.run(onnx, writingTo: stagedModel, data: dataset)
        let summary = SimplifyReport(model: model, output: output, data: dataset?.description,
                                     certificate: outcome.certificate, modelDomain: modelDomain?.modelBox,
                                     wholeGraph: outcome.wholeGraph, channels: outcome.units.map(ChannelSummary.init))
        if let stagedReport { try AtomicFile.write(try summary.jsonText(), to: stagedReport) }
        try staged.commit()
        if json { try Terminal.printJSON(summary) } else { print(summary.text) }
    }

    /// `--rules`: a comma-separated list of rule names, `none`, or every rule when absent.
    func parsedRules() throws -> Set<ExactCollapseOptions.RuleKind> {
        guard let rules else { return Set(ExactCollapseOptions.RuleKind.allCases) }
        if rules.trimmingCharacters(in: .whitespaces) == "none" { return [] }
        var chosen = Set<ExactCollapseOptions.RuleKind>()
        for name in rules.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let rule = ExactCollapseOptions.RuleKind(rawValue: name) else {
                let known = ExactCollapseOptions.RuleKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--rules: unknown rule '\(name)' (rules: \(known), or none)")
            }
            chosen.insert(rule)
        }
        return chosen
    }

    /// The model's input domain: `--domain`, else the range of `--domain-from`, else the model's metadata.
    func resolveDomain(for onnx: ONNXModel) throws -> ModelDomain? {
        let range = try domain.map(Self.parseDomain)
        let dataset = try domainFrom.map { try Dataset.load(path: $0, scale: onnx.inputScale, limit: limit) }
        return try ModelDomain.resolve(onnx, range: range, dataset: dataset)
    }

    /// Parses `LO,HI` into a box side, with one clear line for bad input.
    static func parseDomain(_ text: String) throws -> ClosedRange<Float> {
        let parts = text.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo <= hi else {
            throw CondenseError.invalidArgument("--domain '\(text)' is not LO,HI with finite LO <= HI")
        }
        return lo...hi
    }
}

/// A report that can be written to a `--report` file as the JSON `--json` prints.
protocol JSONReport: Encodable {}

extension JSONReport {
    /// Pretty, key-sorted JSON with a final newline (the format of ``Terminal/printJSON(_:)``).
    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

/// The JSON of `condense simplify`: the certificate's keys at the top level, plus the files,
/// the model's domain and the whole-graph checks.
struct SimplifyReport: JSONReport {
    var model: String
    var output: String
    var data: String?
    var certificate: Certificate
    /// The box of the model's input (the certificate's `domain` is the core's box it implies).
    var modelDomain: InputBox?
    var wholeGraph: WholeGraphCheck
    /// The channel pass on the whole graph, for models with convolutions.
    var channels: ChannelSummary?

    enum Keys: String, CodingKey {
        case model, output, channels
        case dataDescription = "data_description"
        case exportRoundTrip = "export_round_trip"
        case modelDomain = "model_domain"
        case wholeGraph = "whole_graph"
    }

    func encode(to encoder: Encoder) throws {
        try certificate.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(model, forKey: .model)
        try container.encode(output, forKey: .output)
        try container.encodeIfPresent(data, forKey: .dataDescription)
        try container.encodeIfPresent(wholeGraph.exportRoundTrip, forKey: .exportRoundTrip)
        try container.encodeIfPresent(modelDomain, forKey: .modelDomain)
        try container.encode(wholeGraph, forKey: .wholeGraph)
        try container.encodeIfPresent(channels, forKey: .channels)
    }

    var text: String {
        let c = certificate
        var rules = Table("rule", "neurons removed", "seconds")
        for rule in NeuronFate.Rule.allCases where (c.removedByRule[rule.rawValue] ?? 0) > 0 || rule.isExact {
            let seconds = c.secondsByRule[rule.timingName].map { String(format: "%.3f", $0) } ?? "-"
            rules.add(rule.rawValue, "\(c.removedByRule[rule.rawValue] ?? 0)", seconds)
        }
        var sizes = Table("", "before", "after", "removed")
        func row(_ name: String, _ a: Int, _ b: Int) {
            sizes.add(name, "\(a)", "\(b)", a > 0 ? String(format: "%.1f %%", 100 * Double(a - b) / Double(a)) : "-")
        }
        row("hidden neurons", c.before.hiddenNeurons, c.after.hiddenNeurons)
        row("parameters", c.before.parameters, c.after.parameters)
        row("edges", c.before.edges, c.after.edges)
        var checks = Table("output change", "samples", "max |change|", "relative", "same argmax")
        func check(_ name: String, _ d: OutputDeviation) {
            checks.add(name, "\(d.samples)", String(format: "%.3g", d.maxAbsChange),
                       String(format: "%.3g", d.maxRelativeChange), String(format: "%.2f %%", 100 * d.predictionAgreement))
        }
        check("core: random points in \(c.randomPointDomain.summary)", c.randomPoints)
        if let d = c.data { check("core: data", d) }
        let w = wholeGraph
        if let d = w.randomPoints { check("whole graph: random points in \(modelDomain?.summary ?? "[-1, 1]^d")", d) }
        if let d = w.data { check("whole graph: data", d) }
        if let d = w.exportRoundTrip { check("whole graph: exported ONNX read back", d) }
        let domainText = modelDomain.map { "model input \($0.summary), core input \(c.domain?.summary ?? "-")" }
            ?? "none (stability skipped)"
        var lines = ["Exact collapse of \(model) -> \(output)",
                     "domain \(domainText), widths \(c.before.widths) -> \(c.after.widths), "
                        + String(format: "%d passes, %.3f s", c.passes, c.totalSeconds)]
        if let channels { lines += ["", channels.text] }
        lines += ["", rules.rendered, "", sizes.rendered, "", checks.rendered]
        for fold in c.declinedFolds {
            lines.append("kept \(fold.neurons.count) stably linear neuron(s) of layer \(fold.neurons.first?.layer ?? 0): "
                         + "folding them would grow the parameters \(fold.parametersBefore) -> \(fold.parametersAfter)")
        }
        if c.unprovenAtTimeLimit > 0 {
            lines.append("time limit reached: \(c.unprovenAtTimeLimit) stability candidate(s) were not searched and are kept "
                         + "(raise --time-limit to try them)")
        }
        return lines.joined(separator: "\n")
    }
}

/// What the channel pass removed: counts by rule, conv widths before and after, every fate.
struct ChannelSummary: Encodable {
    var removedByRule: [String: Int]
    var widths: [String: [Int]]
    var rounds: Int
    var fates: [UnitFate]

    init(_ r: UnitCollapse.Result) {
        removedByRule = Dictionary(grouping: r.fates, by: \.rule.rawValue).mapValues(\.count)
        widths = r.widthsBefore.reduce(into: [:]) { $0[$1.key] = [$1.value, r.widthsAfter[$1.key] ?? 0] }
        rounds = r.rounds
        fates = r.fates
    }

    enum CodingKeys: String, CodingKey {
        case removedByRule = "removed_by_rule"
        case widths, rounds, fates
    }

    var text: String {
        var table = Table("channel rule", "channels removed")
        for rule in UnitFate.Rule.allCases { table.add(rule.rawValue, "\(removedByRule[rule.rawValue] ?? 0)") }
        let changed = widths.filter { $0.value[0] != $0.value[1] }.sorted { $0.key < $1.key }
            .map { "\($0.key) \($0.value[0])->\($0.value[1])" }
        return table.rendered + "\nconv layers changed: " + (changed.isEmpty ? "none" : changed.joined(separator: ", "))
            + " (\(rounds) round(s))"
    }
}

extension NeuronFate.Rule {
    /// Rules exact collapse applies (always listed in its table).
    var isExact: Bool { ![.approximateMerge, .pruned].contains(self) }

    /// The timing entry the rule's time is reported under.
    var timingName: String { [.stableDead, .stableLinear].contains(self) ? "stable" : rawValue }
}

extension ExactCollapseOptions.BoundMethod: ExpressibleByArgument {}
