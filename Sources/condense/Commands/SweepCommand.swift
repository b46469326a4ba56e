import ArgumentParser
import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseONNX
import CondenseWorkflow
import Foundation

/// `condense sweep MODEL --data TEST --calibration TRAIN --out DIR`: accuracy against the
/// fraction of hidden neurons removed for every method, without fine-tuning.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Compare approximate collapse with pruning and merging baselines: test accuracy against the "
            + "fraction of hidden neurons removed, without fine-tuning.",
        discussion: """
            Writes results.csv, results.tex (booktabs), accuracy.svg and summary.json to --out. Exact collapse \
            runs first and its removals count towards every fraction. Calibration data come from the training \
            split (a folder of MNIST files is read as its train-* files); test data from the test split.
            Methods: \(ReductionMethods.names.joined(separator: ", ")).
            """)

    @Argument(help: "An ONNX model file.") var model: String
    @Option(help: "Test data (MNIST folder, IDX, .npz, .npy) with labels.") var data: String
    @Option(help: "Calibration data from the training set (an MNIST folder is read as its train split).")
    var calibration: String
    @Option(help: "Calibration samples (the first N).") var calibrationSize = 5000
    @Option(help: "Use only the first N test samples.") var limit: Int?
    @Option(help: "Fractions of hidden neurons to remove, comma-separated.") var fractions = "0.5,0.6,0.7,0.8"
    @Option(help: "Methods, comma-separated (default: all).") var methods: String?
    @Option(help: "How removals are spread over the layers: global, per-layer or best (both, keeping the higher calibration accuracy).")
    var allocation = "best"
    @Flag(help: "Skip the per-layer SVD parameter-count reference.") var noLowRank = false
    @Flag(help: ArgumentHelp("Sweep the whole graph's units (conv channels and neurons, coupled channels together) "
          + "instead of the dense core: every criterion with and without least-squares compensation; --methods takes "
          + "names such as condense+ls, l1, l1+ls, merge, condense+ls/global."))
    var units = false
    @Flag(help: "With --units: also write every simplified model to OUT/models.") var saveModels = false
    @Option(help: "Output directory.") var out: String
    @Flag(help: "Print the summary JSON object on stdout.") var json = false

    func validate() throws {
        if calibrationSize <= 0 { throw ValidationError("--calibration-size must be positive") }
        if let limit, limit <= 0 { throw ValidationError("--limit must be positive") }
    }

    struct Summary: Encodable {
        var model: String
        var data: String
        var calibration: String
        var baselineAccuracy: Double
        var hiddenNeurons: Int
        var exactRemoved: Int
        var allocation: String
        var comparisons: [SweepResult.Comparison]
        var rows: [SweepRow]
        var totalSeconds: Double
        var files: [String]

        enum CodingKeys: String, CodingKey {
            case model, data, calibration, allocation, comparisons, rows, files
            case baselineAccuracy = "baseline_accuracy"
            case hiddenNeurons = "hidden_neurons"
            case exactRemoved = "exact_removed"
            case totalSeconds = "total_seconds"
        }
    }

    func run() async throws {
        if units { return try runUnits() }
        try OutputSafety.check(folder: out, flag: "--out", files: ["results.csv", "results.tex", "accuracy.svg", "summary.json"],
                               inputs: [("MODEL", model), ("--data", data), ("--calibration", calibration)])
        let fractionList = try fractions.split(separator: ",").map { part -> Double in
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)) else {
                throw CondenseError.invalidArgument("--fractions '\(fractions)' is not a comma-separated list of numbers")
            }
            return value
        }
        let chosen = try methods.map { list in
            try list.split(separator: ",").map { try ReductionMethods.named($0.trimmingCharacters(in: .whitespaces)) }
        } ?? ReductionMethods.all
        let onnx = try ONNXModel.load(path: model)
        let test = try Dataset.load(path: data, scale: onnx.inputScale, limit: limit, split: .test)
        guard let labels = test.labels else { throw CondenseError.invalidData("\(data) has no labels") }
        let train = try Dataset.load(path: calibration, scale: onnx.inputScale, limit: calibrationSize, split: .train)
        Terminal.progress("test: \(test.description); calibration: \(train.description)")
        let allocations: [RemovalAllocation]
        switch allocation {
        case "global": allocations = [.global]
        case "per-layer", "per_layer": allocations = [.perLayer]
        case "best": allocations = RemovalAllocation.allCases
        default: throw CondenseError.invalidArgument("--allocation must be global, per-layer or best, not '\(allocation)'")
        }
        let sweep = Sweep(fractions: fractionList, methods: chosen, allocations: allocations,
                          exact: ExactCollapseOptions(domain: try ModelDomain.resolve(onnx)?.coreBox),
                          lowRankReference: !noLowRank)
        let result = try sweep.run(
            onnx.network, testInputs: try onnx.coreInputs(test.inputs), testLabels: labels,
            calibration: try ApproximateSimplification.calibration(onnx, train),
            progress: Terminal.progress)
        let files = ["results.csv": result.csv, "results.tex": result.latex, "accuracy.svg": result.svg]
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            try AtomicFile.write(text, to: (out as NSString).appendingPathComponent(name))
        }
        let summary = Summary(
            model: model, data: test.description, calibration: train.description,
            baselineAccuracy: result.baselineAccuracy, hiddenNeurons: result.hiddenNeurons,
            exactRemoved: result.exactRemoved, allocation: allocation,
            comparisons: result.comparisons, rows: result.rows, totalSeconds: result.totalSeconds,
            files: (files.keys.sorted() + ["summary.json"]).map { (out as NSString).appendingPathComponent($0) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n",
                             to: (out as NSString).appendingPathComponent("summary.json"))
        if json { try Terminal.printJSON(summary) } else { print(summary.text) }
    }
}

extension SweepCommand.Summary {
    var text: String {
        let fractions = Array(Set(rows.map(\.fraction))).sorted()
        var table = Table("method")
        table.header += fractions.map { String(format: "%.0f %%", $0 * 100) }
        var seen = Set<String>()
        for method in rows.map(\.method) where seen.insert(method).inserted {
            table.add([method] + fractions.map { f in
                rows.first { $0.method == method && $0.fraction == f }
                    .map { String(format: "%.2f (-%.2f)", 100 * $0.accuracy, $0.drop) } ?? "-"
            })
        }
        var verdict = Table("fraction", "Condense best", "drop (pp)", "best baseline", "drop (pp)", "better")
        for c in comparisons {
            verdict.add(String(format: "%.0f %%", c.fraction * 100), c.condenseMethod, String(format: "%.2f", c.condenseDrop),
                        c.bestBaseline, String(format: "%.2f", c.bestBaselineDrop), c.beatsEveryBaseline ? "yes" : "no")
        }
        return ["Sweep of \(model): test accuracy % (drop in points), original "
                + String(format: "%.2f %%, %d hidden neurons, %d removed by exact collapse, ",
                         100 * baselineAccuracy, hiddenNeurons, exactRemoved)
                + "\(allocation) allocation, " + String(format: "%.1f s", totalSeconds),
                "", table.rendered, "", verdict.rendered, "", "wrote " + files.joined(separator: ", ")]
            .joined(separator: "\n")
    }
}
