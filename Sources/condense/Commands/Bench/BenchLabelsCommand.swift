import ArgumentParser
import CondenseCore
import CondenseLabels
import CondenseONNX
import Foundation

/// `condense bench labels`: build and query times of every labeling scheme on LeNet-300-100,
/// its 90%-magnitude-pruned variant and a random layered DAG of about 10^6 edges, and
/// pruned landmark labeling against one Dijkstra search per query.
struct BenchLabelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Time every labeling scheme (build and query medians) on LeNet-300-100, a 90%-pruned variant and a random 10^6-edge DAG.",
        discussion: """
            The random DAG has --random-layers layers of --random-width nodes; every node has --random-degree \
            random successors in the next layer (Gaussian weights), 4 x 42000 x 8 = 1,008,000 edges by default. \
            Times are medians of --repeats runs; cpu times count the thread's own CPU time, wall times also the \
            waiting when the machine is shared.
            """)

    @Option(help: "An ONNX model file.") var model = "graphs/mnist/lenet-300-100.onnx"
    @Option(help: "Runs per measurement (median reported).") var repeats = 3
    @Option(help: "Random pairs per query timing.") var queries = 1_000_000
    @Option(help: "Random pairs for the Dijkstra baseline.") var dijkstraQueries = 1_000
    @Option(help: "Layers of the random DAG.") var randomLayers = 4
    @Option(help: "Nodes per layer of the random DAG.") var randomWidth = 42_000
    @Option(help: "Successors per node of the random DAG.") var randomDegree = 8
    @Option(help: "Fraction of each layer's weights pruned for the sparse variant.") var prune = 0.9
    @Flag(help: "Skip the random DAG (LeNet only).") var skipRandom = false
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if repeats < 1 || queries < 1 || dijkstraQueries < 1 { throw ValidationError("--repeats and the query counts must be >= 1") }
        if randomLayers < 2 || randomWidth < 1 || randomDegree < 1 { throw ValidationError("the random DAG needs >= 2 layers, width and degree >= 1") }
        if !(0..<1).contains(prune) { throw ValidationError("--prune must be in [0, 1)") }
    }

    struct Row: Encodable {
        var graph: String
        var nodes: Int
        var edges: Int
        var scheme: String
        var semiring: String?
        var order: String?
        var build_wall_s: Double
        var build_cpu_s: Double
        var entries_mean: Double
        var entries_max: Int
        var bits_mean: Double
        var total_bits: Int
        var bits_per_weight_bit: Double
        var query_ns: Double
        var query_cpu_ns: Double
        var dijkstra_ns: Double?
        var dijkstra_cpu_ns: Double?
        /// Dijkstra time per query / labeling time per query (CPU).
        var speedup_vs_dijkstra: Double?
        /// Scheme-specific numbers (width bound, dead ends, ...) from the first run.
        var details: [String: Double]
    }

    struct Claims: Encodable {
        var graph: String
        var pll_build_cpu_s: Double
        var pll_build_wall_s: Double
        var pll_query_cpu_ns: Double
        var pll_query_ns: Double
        var build_within_2_s: Bool
        var query_within_1_us: Bool
    }

    struct Report: Encodable {
        var model: String
        var repeats: Int
        var queries: Int
        var rows: [Row]
        var claims: Claims?
    }

    func run() async throws {
        let network = try ONNXModel.load(path: model).network
        var graphs: [(String, LabelingInput)] = [
            ("lenet-300-100", LabelingInput(network: network)),
            ("lenet-300-100 pruned \(Int(prune * 100))%", LabelingInput(network: try MagnitudePruning.pruned(network, fraction: prune))),
        ]
        if !skipRandom {
            let generator = RandomLayeredNetwork(widths: Array(repeating: randomWidth, count: randomLayers), outDegree: randomDegree, seed: 1)
            Terminal.progress("drawing the random DAG (\(generator.edgeCount) edges) ...")
            graphs.append(("random \(randomLayers)x\(randomWidth) d\(randomDegree)", LabelingInput(graph: try generator.graph())))
        }
        var rows: [Row] = []
        var claims: Claims?
        for (name, input) in graphs {
            // Every vertex order on LeNet; the bottleneck order (the default) on the random DAG.
            let variants: [(SchemeKind, VertexOrder)] = SchemeKind.allCases.flatMap { scheme in
                scheme == .pll && input.network != nil ? VertexOrder.allCases.map { (scheme, $0) } : [(scheme, .bottleneck)]
            }
            for (scheme, order) in variants where input.network != nil || scheme != .equivalence {
                Terminal.progress("\(name): \(scheme.rawValue) ...")
                var row = try measure(scheme, order, name, input)
                if scheme == .pll {
                    let baseline = DijkstraBaseline.timing(graph: input.graph, count: dijkstraQueries)
                    row.dijkstra_ns = baseline.nanosecondsPerQuery
                    row.dijkstra_cpu_ns = baseline.cpuNanosecondsPerQuery
                    row.speedup_vs_dijkstra = baseline.cpuNanosecondsPerQuery / row.query_cpu_ns
                    if input.network == nil && order == .bottleneck {
                        claims = Claims(graph: name, pll_build_cpu_s: row.build_cpu_s, pll_build_wall_s: row.build_wall_s,
                                        pll_query_cpu_ns: row.query_cpu_ns, pll_query_ns: row.query_ns,
                                        build_within_2_s: row.build_cpu_s <= 2, query_within_1_us: row.query_cpu_ns <= 1000)
                    }
                }
                rows.append(row)
            }
        }
        let report = Report(model: model, repeats: repeats, queries: queries, rows: rows, claims: claims)
        if json { try Terminal.printJSON(report) } else { print(report.text) }
    }

    /// Medians over `repeats` runs of building and querying one scheme.
    func measure(_ scheme: SchemeKind, _ order: VertexOrder, _ name: String, _ input: LabelingInput) throws -> Row {
        var options = LabelingOptions(scheme: scheme)
        options.queries = queries
        options.order = order
        var reports: [LabelingReport] = []
        for run in 0..<repeats {
            options.details = run == 0
            reports.append(try LabelingResult.run(options, on: input).report)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        let r = reports[0]
        return Row(graph: name, nodes: r.nodes, edges: r.edges, scheme: r.scheme, semiring: r.semiring, order: r.order,
                   build_wall_s: median(reports.map(\.build.wallSeconds)), build_cpu_s: median(reports.map(\.build.cpuSeconds)),
                   entries_mean: r.sizes.entriesMean, entries_max: r.sizes.entriesMax, bits_mean: r.sizes.bitsMean,
                   total_bits: r.sizes.totalBits, bits_per_weight_bit: r.bitsPerWeightBit,
                   query_ns: median(reports.map(\.queries.nanosecondsPerQuery)),
                   query_cpu_ns: median(reports.map(\.queries.cpuNanosecondsPerQuery)), details: r.details)
    }
}

extension BenchLabelsCommand.Report {
    var text: String {
        var table = Table("graph", "scheme", "build s (cpu)", "entries mean/max", "bits/label", "bits vs weights",
                          "query ns (cpu)", "Dijkstra ns", "speedup")
        for row in rows {
            let scheme = row.scheme + (row.semiring.map { " \($0)" } ?? "") + (row.order.map { " \($0)" } ?? "")
            table.add(row.graph, scheme, String(format: "%.3f (%.3f)", row.build_wall_s, row.build_cpu_s),
                      String(format: "%.1f / %d", row.entries_mean, row.entries_max), String(format: "%.0f", row.bits_mean),
                      String(format: "%.3f", row.bits_per_weight_bit), String(format: "%.0f (%.0f)", row.query_ns, row.query_cpu_ns),
                      row.dijkstra_cpu_ns.map { String(format: "%.0f", $0) } ?? "-",
                      row.speedup_vs_dijkstra.map { String(format: "%.0fx", $0) } ?? "-")
        }
        var lines = ["Labeling schemes: medians of \(repeats) runs, \(queries) random query pairs", table.rendered]
        if let c = claims {
            lines.append("pll on \(c.graph): build " + String(format: "%.3f s cpu (%.3f s wall) ", c.pll_build_cpu_s, c.pll_build_wall_s)
                         + (c.build_within_2_s ? "<=" : ">") + " 2 s; query "
                         + String(format: "%.0f ns cpu (%.0f ns wall) ", c.pll_query_cpu_ns, c.pll_query_ns)
                         + (c.query_within_1_us ? "<=" : ">") + " 1 us")
        }
        return lines.joined(separator: "\n")
    }
}
