import CondenseGraph
import ArgumentParser
import CondenseCore
import CondenseData
import CondenseLabels
import CondenseONNX
import Foundation

/// `condense labels MODEL --scheme NAME`: builds a labeling scheme on the network's neuron
/// DAG and reports label sizes, build and query times, and (with --verify) checks random
/// queries against an exhaustive computation.
struct LabelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Label every neuron (equivalence, hub, pll, sketch, reachability) and measure and check the labels.",
        discussion: """
            Schemes: equivalence (block + factor of the exact-collapse partition), hub (separator labels in any \
            semiring), pll (pruned landmark labeling: min-plus, max-times, boolean), sketch (SimHash of incoming \
            weights, or of activations with --data), reachability (GRAIL intervals; dead ends and unreachable neurons).
            Semirings: min-plus (-ln|w|), max-times (|w|), sum-times (w), path-norm (|w|), boolean (w != 0).
            --verify N compares N random queries with dynamic programming over the DAG (or BFS, cosines, a forward \
            pass); exact schemes must show 0 mismatches (else exit code 2).
            -o writes the labels (.json or .csv); --export-classes writes {"values": {"L1:3": class}} for \
            `condense render --color-by`.
            """)

    @Argument(help: "An ONNX model file.") var model: String
    @Option(help: "equivalence, hub, pll, sketch or reachability.") var scheme: String
    @Option(help: "Semiring of hub and pll: min-plus, max-times, sum-times, path-norm, boolean.") var semiring = "min-plus"
    @Option(help: "Vertex order of pll: degree, bottleneck or random.") var order = "bottleneck"
    @Option(help: "Zero this fraction of the smallest weights of every layer first (magnitude pruning).") var prune: Double?
    @Option(help: "Check N random queries against an exhaustive computation.") var verify = 0
    @Option(help: "Random pairs to time queries on.") var queries = 1_000_000
    @Option(help: "Sketch bits k.") var bits = 256
    @Option(help: "GRAIL traversals d.") var traversals = 3
    @Option(help: "Calibration data for activation sketches (MNIST folder, read as its train split; IDX, .npz or .npy).") var data: String?
    @Option(help: "Calibration samples to use with --data.") var limit = 1000
    @Option(help: "Seed of every random choice.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Write the labels to this file (.json or .csv).") var output: String?
    @Option(help: "Write label classes for `condense render --color-by` to this JSON file.") var exportClasses: String?
    @Flag(help: "Label the units of the whole graph (neurons and conv channels; an edge between channels is weighted by its kernel's norm) instead of the dense core's neurons: hub, pll, reachability, and sketch (of the incoming kernel norms, or with --data of each unit's activation per sample, a channel's map mean).")
    var units = false
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if let prune, !(0..<1).contains(prune) { throw ValidationError("--prune must be in [0, 1)") }
        if verify < 0 || queries < 0 { throw ValidationError("--verify and --queries must be >= 0") }
        if limit <= 0 { throw ValidationError("--limit must be positive") }
        if let output, !(output.hasSuffix(".json") || output.hasSuffix(".csv")) {
            throw ValidationError("-o must end in .json or .csv")
        }
    }

    func run() async throws {
        try OutputSafety.check(outputs: [("-o", output), ("--export-classes", exportClasses)],
                               inputs: [("MODEL", model), ("--data", data)])
        var options = LabelingOptions(scheme: try SchemeKind(parsing: scheme))
        options.semiring = try SemiringKind(parsing: semiring)
        options.order = try VertexOrder(parsing: order)
        options.queries = queries
        options.verify = verify
        options.bits = bits
        options.traversals = traversals
        options.seed = seed
        let onnx = try ONNXModel.load(path: model)
        if units {
            guard [.hub, .pll, .reachability, .sketch].contains(options.scheme) else {
                throw CondenseError.invalidArgument("--units works with the hub, pll, reachability and sketch schemes")
            }
            guard prune == nil else { throw CondenseError.invalidArgument("--units does not take --prune") }
            let unitGraph = try UnitGraph(graph: onnx.graph, features: onnx.inputFeatures)
            var activations: [Matrix]?
            if let data {
                guard options.scheme == .sketch else { throw CondenseError.invalidArgument("--data is only used by --scheme sketch") }
                let dataset = try Dataset.load(path: data, scale: onnx.inputScale, limit: limit, split: .train)
                // A channel's activation per sample is the mean of its map.
                activations = try unitGraph.activationSummaries(graph: onnx.graph, batch: dataset.inputs)
            }
            Terminal.progress("building \(options.scheme.rawValue) labels on \(unitGraph.unitCount) units (neurons and channels) ...")
            let result = try LabelingResult.run(options, on: LabelingInput(graph: LayeredDAG(unitGraph.neuronGraph), activations: activations))
            try write(result)
            return
        }
        var network = onnx.network
        if let prune { network = try MagnitudePruning.pruned(network, fraction: prune) }
        var activations: [Matrix]?
        if let data {
            guard options.scheme == .sketch else { throw CondenseError.invalidArgument("--data is only used by --scheme sketch") }
            let dataset = try Dataset.load(path: data, scale: onnx.inputScale, limit: limit, split: .train)
            activations = try network.forwardAll(dataset.inputs).values
        }
        Terminal.progress("building \(options.scheme.rawValue) labels on \(network.neuronCount) neurons ...")
        let result = try LabelingResult.run(options, on: LabelingInput(network: network, activations: activations))
        try write(result)
    }

    /// Writes the labels and classes asked for, prints the report, and fails on a verification mismatch.
    private func write(_ result: LabelingResult) throws {
        if let output {
            if output.hasSuffix(".csv") {
                try AtomicFile.write(LabelExport.csv(result.labels), to: output)
            } else {
                let semiringName = result.report.semiring
                try AtomicFile.write(LabelExport.json(result.labels, semiring: semiringName), to: output)
            }
        }
        if let exportClasses { try AtomicFile.write(LabelExport.classes(result.labels), to: exportClasses) }
        let report = Report(model: model, prune: prune ?? 0, labeling: result.report)
        if json { try Terminal.printJSON(report) } else { print(report.text) }
        if try SchemeKind(parsing: scheme).isExact, let mismatches = result.report.verification?.mismatches, mismatches > 0 {
            throw CondenseError.internalError("\(mismatches) of \(verify) verified queries disagree with the exhaustive computation")
        }
    }

    struct Report: Encodable {
        var model: String
        /// Fraction of each layer's weights zeroed before labeling (0: none).
        var prune: Double
        var labeling: LabelingReport
    }
}

extension LabelsCommand.Report {
    var text: String {
        let r = labeling
        var table = Table("", "value")
        table.add("scheme", r.scheme + (r.semiring.map { " (\($0))" } ?? "") + (r.order.map { ", order \($0)" } ?? ""))
        table.add("network", "\(r.nodes) neurons, \(r.edges) edges, \(r.layers) layers"
                  + (r.skipConnections ? ", skip connections" : "") + (prune > 0 ? ", pruned \(Int(prune * 100))%" : ""))
        table.add("build", String(format: "%.3f s (cpu %.3f s)", r.build.wallSeconds, r.build.cpuSeconds))
        table.add("entries per label", String(format: "min %d, mean %.1f, max %d", r.sizes.entriesMin, r.sizes.entriesMean, r.sizes.entriesMax))
        table.add("bits per label", String(format: "min %d, mean %.1f, max %d", r.sizes.bitsMin, r.sizes.bitsMean, r.sizes.bitsMax))
        table.add("total bits", String(format: "%d (%.3f x the %d bits of the weights)", r.sizes.totalBits, r.bitsPerWeightBit, r.weightBits))
        table.add("query", String(format: "%.1f ns (cpu %.1f ns) over %d random pairs",
                                  r.queries.nanosecondsPerQuery, r.queries.cpuNanosecondsPerQuery, r.queries.queries))
        if let v = r.verification {
            table.add("verified", "\(v.checked) queries against \(v.reference)")
            if let mismatches = v.mismatches { table.add("mismatches", "\(mismatches)") }
            table.add(v.mismatches == nil ? "error |estimate - exact|" : "relative error",
                      String(format: "mean %.2g, median %.2g, p90 %.2g, p99 %.2g, max %.2g",
                             v.error.mean, v.error.median, v.error.p90, v.error.p99, v.error.max))
            for (key, value) in v.notes.sorted(by: { $0.key < $1.key }) { table.add(key, Self.number(value)) }
        }
        for (key, value) in r.details.sorted(by: { $0.key < $1.key }) { table.add(key, Self.number(value)) }
        return "Labels of \(model)\n" + table.rendered
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4g", x)
    }
}
