import ArgumentParser
import CondenseCore
import CondenseGraph
import CondenseONNX
import CondenseRender
import Foundation

/// `condense render MODEL -o FILE.(svg|png|pdf|dot)`: draws a network at neuron or layer
/// level, or a before/after comparison, through libgvc in-process.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a network (neurons or layers), or a before/after comparison, with Graphviz.",
        discussion: """
            Neuron level places every neuron by layer and index (Graphviz nop2); layer level draws one box per \
            layer (Graphviz dot). Big networks show a subset of edges (default: at most 30,000, each neuron's \
            strongest inputs), stated in the legend.
            --color-by takes JSON: {"name": "importance", "values": {"L1:3": 0.5}} or {"layers": [null, [0.1, ...]]}; \
            strings (or "categorical": true) colour by class.
            """)

    @Argument(help: "An ONNX model file (the original one when comparing).") var model: String
    @Option(name: .shortAndLong, help: "Output file: .svg, .png, .pdf or .dot.") var output: String
    @Option(help: "A simplified version of MODEL to draw next to it.") var compare: String?
    @Option(help: "A simplify report (JSON with a \"removed\" list) saying which neuron went by which rule.")
    var report: String?
    @Option(help: "neuron, layer or auto.") var level: RenderLevel = .auto
    @Option(help: "Draw at most N edges (each neuron's strongest inputs); 0 draws every edge.") var maxEdges: Int?
    @Option(help: "Draw only edges with |w| >= T.") var edgeThreshold: Float?
    @Option(help: "Draw each neuron's K strongest inputs.") var topK: Int?
    @Option(help: "Per-neuron values (JSON) to colour the neurons by.") var colorBy: String?
    @Option(help: "screen or print.") var theme: Theme = .screen
    @Option(help: "Before/after arrangement: side-by-side, stacked or overlay (default: stacked for wide drawings).")
    var compareStyle: CompareStyle?
    @Option(help: "The title (default: the model's name and counts).") var title: String?
    @Flag(help: ArgumentHelp("Draw the whole graph's units: a node per conv channel and neuron, edges weighted by "
          + "kernel norms, coupling groups named on the layers; with --compare, the channels the simplified model's "
          + "metadata lists as removed or merged are marked."))
    var units = false
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Result: Encodable {
        var output: String
        var format: String
        var level: String
        var bytes: Int
        var edgesDrawn: Int
        var edgesTotal: Int
        var edges: String
        var seconds: Double
        var title: String

        enum CodingKeys: String, CodingKey {
            case output, format, level, bytes, edges, seconds, title
            case edgesDrawn = "edges_drawn"
            case edgesTotal = "edges_total"
        }
    }

    func validate() throws {
        if [maxEdges != nil, edgeThreshold != nil, topK != nil].filter({ $0 }).count > 1 {
            throw ValidationError("use only one of --max-edges, --edge-threshold and --top-k")
        }
        if let maxEdges, maxEdges < 0 { throw ValidationError("--max-edges must be 0 (all) or more") }
        if let topK, topK < 1 { throw ValidationError("--top-k must be at least 1") }
        if let edgeThreshold, !(edgeThreshold >= 0) { throw ValidationError("--edge-threshold must be a number >= 0") }
    }

    var thinning: EdgeThinning {
        if let maxEdges { return maxEdges == 0 ? .all : .maxEdges(maxEdges) }
        if let edgeThreshold { return .threshold(edgeThreshold) }
        if let topK { return .topK(topK) }
        return .standard
    }

    func run() async throws {
        try OutputSafety.check(outputs: [("-o", output)],
                               inputs: [("MODEL", model), ("--compare", compare), ("--report", report), ("--color-by", colorBy)])
        let start = DispatchTime.now().uptimeNanoseconds
        let format = try RenderFormat(path: output)
        let unitView = units ? try unitNetworks() : nil
        let (network, simplified, fates) = try unitView.map { ($0.before, $0.after, $0.fates) } ?? (
            try ONNXModel.load(path: model).network,
            try compare.map { try ONNXModel.load(path: $0).network },
            try report.map { try FateReport.fates(path: $0) } ?? [])
        var options = DrawingOptions(thinning: thinning, theme: theme, title: title,
                                     modelName: URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent)
        options.layerCounts = unitView?.counts
        if let colorBy {
            let name = URL(fileURLWithPath: colorBy).deletingPathExtension().lastPathComponent
            options.coloring = try NeuronValues.load(json: readInputFile(colorBy, what: "values file"), fallbackName: name,
                                                     widths: network.layers.map(\.width))
        }
        let resolved = level.resolved(for: network)
        let simplification = (simplified != nil || report != nil)
            ? try Simplification(before: network, after: simplified, fates: fates) : nil
        let drawing: Drawing
        switch (resolved, simplification) {
        case (.layer, _), (.auto, _):
            drawing = LayerDrawing.make(network, simplification: simplification, options: options)
        case (.neuron, let simplification?):
            drawing = try CompareDrawing.make(simplification, style: compareStyle, options: options)
        case (.neuron, nil):
            drawing = try NeuronDrawing.make(network, options: options)
        }
        let rendered = try drawing.render(format)
        try AtomicFile.write(rendered.data, to: output)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let result = Result(output: output, format: format.rawValue, level: resolved.rawValue, bytes: rendered.data.count,
                            edgesDrawn: drawing.drawnEdges, edgesTotal: drawing.totalEdges, edges: drawing.edgeSummary,
                            seconds: seconds, title: drawing.title)
        if json { try Terminal.printJSON(result); return }
        var table = Table("output", "format", "level", "size", "edges drawn", "seconds")
        table.add(output, format.rawValue, resolved.rawValue, Self.size(rendered.data.count),
                  "\(drawing.drawnEdges) of \(drawing.totalEdges)", String(format: "%.2f", seconds))
        print(table.rendered)
    }

    /// "7.9 MB", "312 kB".
    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6) : String(format: "%.0f kB", Double(bytes) / 1e3)
    }
}

extension RenderLevel: ExpressibleByArgument {}
extension Theme: ExpressibleByArgument {}
extension CompareStyle: ExpressibleByArgument {}

/// What `render --units` draws: the unit DAGs of MODEL and of `--compare` as networks, the
/// fates the simplified model's metadata lists, and each layer's true counts.
struct UnitView {
    var before: Network
    var after: Network?
    var fates: [NeuronFate]
    var counts: LayerCounts
}

extension RenderCommand {
    /// `--units`: each model read and derived once.
    func unitNetworks() throws -> UnitView {
        if report != nil { throw ValidationError("--units reads the fates from the --compare model's metadata; drop --report") }
        func view(_ model: ONNXModel) throws -> (UnitGraph, Network, [LayerStatistics]) {
            let units = try UnitGraph(graph: model.graph, features: model.inputFeatures)
            let drawn = try units.drawingNetwork()
            return (units, drawn, try units.layerStatistics(graph: model.graph, features: model.inputFeatures, drawn: drawn))
        }
        let (units, before, beforeCounts) = try view(try ONNXModel.load(path: model))
        guard let compare else { return UnitView(before: before, after: nil, fates: [], counts: LayerCounts(before: beforeCounts, after: nil)) }
        let simplified = try ONNXModel.load(path: compare)
        let (_, after, afterCounts) = try view(simplified)
        let index = Dictionary(units.layers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var fates: [NeuronFate] = []
        for record in try simplified.unitFates() ?? [] {
            guard let l = index[record.layer], record.unit < units.layers[l].width else {
                throw CondenseError.invalidData("\(compare) lists a removed unit \(record.layer):\(record.unit) that \(model) does not have")
            }
            let rule: NeuronFate.Rule = switch record.rule {
            case "constant": .constant
            case "proportional": .equivalent
            case "dead_end": .deadEnd
            case "merged": .approximateMerge
            default: .pruned
            }
            fates.append(NeuronFate(neuron: NeuronID(layer: l, index: record.unit), rule: rule,
                                    partner: record.into.map { NeuronID(layer: l, index: $0) }))
        }
        return UnitView(before: before, after: after, fates: fates, counts: LayerCounts(before: beforeCounts, after: afterCounts))
    }
}
