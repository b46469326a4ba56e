import ArgumentParser
import CondenseCollapse
import CondenseCore
import Foundation

/// `condense bench simplify`: exact-collapse time on the planted network at several width
/// scales, in one run, with seconds per edge (linear growth means a constant per edge).
struct BenchSimplifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simplify",
        abstract: "Time exact collapse on the planted 784-(512+128)-(256+128)-10 network and on versions "
            + "2x and 4x as wide (medians), with seconds per edge.")

    @Option(help: "Width scales of the hidden layers.") var scales = "1,2,4"
    @Option(help: "Timed runs per scale (median reported).") var repeats = 3
    @Option(help: "Bounds for the stability rule: interval, symbolic or branch-and-bound.")
    var bounds = ExactCollapseOptions.BoundMethod.branchAndBound
    @Option(help: "Random seed of the planted networks.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Row: Encodable {
        var scale: Int
        var widths: [Int]
        var edges: Int
        var neurons_removed: Int
        var planted: Int
        var seconds: Double
        var nanoseconds_per_edge: Double
        var seconds_by_rule: [String: Double]
    }

    struct Report: Encodable {
        var bound_method: String
        var repeats: Int
        var rows: [Row]
        /// Seconds-per-edge of the largest scale over that of the smallest (1 = linear in edges).
        var per_edge_ratio_largest_to_smallest: Double
    }

    func validate() throws {
        if repeats <= 0 { throw ValidationError("--repeats must be positive") }
    }

    func run() async throws {
        let factors = try PlantCommand.integers(scales, "--scales").filter { $0 > 0 }
        guard !factors.isEmpty else { throw CondenseError.invalidArgument("--scales needs a positive scale") }
        let collapse = ExactCollapse(options: ExactCollapseOptions(domain: 0...1, boundMethod: bounds))
        var rows: [Row] = []
        for s in factors {
            let plan = PlantedRedundancy.evenly(widths: [784, 512 * s, 256 * s, 10], planted: [128 * s, 128 * s],
                                                seed: seed)
            let planted = try plan.generate()
            Terminal.progress("scale \(s)x: \(planted.network.layers.map(\.width)), \(planted.network.edgeCount) edges ...")
            var result: CollapseResult?
            let seconds = try Stopwatch.median(repeats: repeats) { result = try collapse.run(planted.network) }
            guard let result else { throw CondenseError.internalError("the benchmark did not run") }
            let edges = planted.network.edgeCount
            rows.append(Row(scale: s, widths: planted.network.layers.map(\.width), edges: edges,
                            neurons_removed: result.fates.count, planted: planted.planted.count, seconds: seconds,
                            nanoseconds_per_edge: seconds / Double(edges) * 1e9, seconds_by_rule: result.secondsByRule))
        }
        let ratio = (rows.last?.nanoseconds_per_edge ?? 0) / max(rows.first?.nanoseconds_per_edge ?? 1, 1e-30)
        let report = Report(bound_method: bounds.rawValue, repeats: repeats, rows: rows,
                            per_edge_ratio_largest_to_smallest: ratio)
        if json { try Terminal.printJSON(report); return }
        var table = Table("scale", "widths", "edges", "removed / planted", "seconds", "ns per edge")
        for r in rows {
            table.add("\(r.scale)x", r.widths.map(String.init).joined(separator: "-"), "\(r.edges)",
                      "\(r.neurons_removed) / \(r.planted)", String(format: "%.3f", r.seconds),
                      String(format: "%.1f", r.nanoseconds_per_edge))
        }
        print("Exact collapse time (\(bounds.rawValue) bounds, median of \(repeats))\n" + table.rendered
              + String(format: "\nns per edge, largest / smallest scale: %.2f", ratio))
    }
}
