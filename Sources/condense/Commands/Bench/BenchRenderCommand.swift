import ArgumentParser
import CondenseCore
import CondenseONNX
import CondenseRender
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `condense bench render MODEL`: the neuron-level SVG drawing of a model, timed end to end
/// (scene building in Swift + Graphviz nop2 layout + SVG rendering), median of repeats.
struct BenchRenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Time the neuron-level SVG drawing of a model (median of repeated runs); report size, edges and XML validity.")

    @Argument(help: "An ONNX model file.") var model = "graphs/mnist/lenet-300-100.onnx"
    @Option(help: "Timed runs (median reported), after one warm-up run.") var repeats = 5
    @Option(help: "Draw at most N edges (0: every edge); default as `condense render`.") var maxEdges: Int?
    @Option(help: "Also write the SVG here.") var output: String?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Report: Encodable {
        var model: String
        var repeats: Int
        var median_seconds: Double
        var scene_seconds: Double
        var graphviz_seconds: Double
        var svg_bytes: Int
        var valid_xml: Bool
        var edges_drawn: Int
        var edges_total: Int
        var nodes: Int
        var edges: String
    }

    func validate() throws {
        if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
        if let maxEdges, maxEdges < 0 { throw ValidationError("--max-edges must be 0 (all) or more") }
    }

    func run() async throws {
        try OutputSafety.check(outputs: [("-o", output)], inputs: [("MODEL", model)])
        let network = try ONNXModel.load(path: model).network
        var options = DrawingOptions(modelName: URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent)
        if let maxEdges { options.thinning = maxEdges == 0 ? .all : .maxEdges(maxEdges) }
        Terminal.progress("rendering \(model) at neuron level to SVG, \(repeats) timed run(s) ...")
        var drawing: Drawing?
        var output: RenderOutput?
        let total = try Stopwatch.median(repeats: repeats) {
            let made = try NeuronDrawing.make(network, options: options)
            output = try made.render(.svg)
            drawing = made
        }
        guard let drawing, let output else { throw CondenseError.internalError("the benchmark did not run") }
        let sceneSeconds = try Stopwatch.median(repeats: repeats, warmUp: false) {
            _ = try NeuronDrawing.make(network, options: options)
        }
        let graphvizSeconds = try Stopwatch.median(repeats: repeats, warmUp: false) { _ = try drawing.render(.svg) }
        if let path = self.output { try AtomicFile.write(output.data, to: path) }
        // A stream parser: FoundationXML refuses one in-memory chunk of more than 10 MB.
        let report = Report(model: model, repeats: repeats, median_seconds: total, scene_seconds: sceneSeconds,
                            graphviz_seconds: graphvizSeconds, svg_bytes: output.data.count,
                            valid_xml: XMLParser(stream: InputStream(data: output.data)).parse(), edges_drawn: drawing.drawnEdges,
                            edges_total: drawing.totalEdges, nodes: drawing.scene.nodes.count, edges: drawing.edgeSummary)
        if json { try Terminal.printJSON(report) } else { print(report.text) }
    }
}

extension BenchRenderCommand.Report {
    var text: String {
        var table = Table("measure", "value")
        table.add("median seconds (scene + Graphviz)", String(format: "%.3f", median_seconds))
        table.add("  scene building (Swift)", String(format: "%.3f", scene_seconds))
        table.add("  Graphviz nop2 layout + SVG", String(format: "%.3f", graphviz_seconds))
        table.add("SVG size", String(format: "%.2f MB", Double(svg_bytes) / 1e6))
        table.add("valid XML", valid_xml ? "yes" : "NO")
        table.add("edges drawn", "\(edges_drawn) of \(edges_total)")
        table.add("Graphviz nodes", "\(nodes)")
        return "Neuron-level SVG of \(model) (median of \(repeats))\n" + table.rendered + "\nedges: \(edges)"
    }
}
