import CondenseCore
import CondenseGraph
import CondenseONNX

/// The JSON shape of `condense inspect`: stable snake_case keys.
struct ModelSummary: Encodable {
    struct LayerRow: Encodable {
        var index: Int
        var name: String
        var kind: String
        var width: Int
        var activation: String
        var edges: Int
        var parameters: Int
        var flops: Int
        var sources: [Int]
    }
    struct KeptOperator: Encodable {
        var name: String
        var op_type: String
        var domain: String
    }
    /// One node of the whole graph with what Condense does with it.
    struct NodeRow: Encodable {
        var index: Int
        var name: String
        var op_type: String
        var domain: String
        var treatment: String
        var output_shapes: [[Int?]]
        var parameters: Int
        var flops: Int
    }

    var model: String
    var opset: Int
    var input_width: Int
    var output_width: Int
    var output_transform: String
    var input_domain: [Float]?
    var input_scale: Float?
    var neurons: Int
    var hidden_neurons: Int
    var edges: Int
    var parameters: Int
    var flops: Int
    var layers: [LayerRow]
    var affine_layers: Int
    var widths: [Int]
    var kept_operators: [KeptOperator]
    /// Every node of the graph (the core's and the rest), with its treatment, shapes, parameters and FLOPs.
    var nodes: [NodeRow] = []
    /// Conv layers outside the core, with their output channels (units of the channel level).
    var channel_layers: [NodeRow] = []
    var graph_parameters: Int = 0
    var graph_flops: Int = 0
    var model_input: String = ""
    var core_input: String = ""
    /// Every unit layer of the whole graph (neurons of Gemm/MatMul, channels of Conv) and the coupling groups.
    var unit_layers: [UnitLayerRow] = []
    var coupling_groups: [CouplingGroupRow] = []
    var units: Int = 0
    var unit_edges: Int = 0

    struct UnitLayerRow: Encodable {
        var index: Int
        var name: String
        var kind: String
        var units: Int
        var activation: String
        var kernel: [Int]
        var positions: Int
        var sources: [Int]
        var folded_nodes: [Int]
    }
    struct CouplingGroupRow: Encodable {
        var layers: [Int]
        var units: Int
        var joins: [String]
    }

    init(path: String, model: ONNXModel) throws {
        self.init(path: path, network: model.network)
        opset = model.opsetVersion
        input_scale = model.inputScale
        input_domain = model.metadata["condense.input_domain"].flatMap(ONNXModel.parseDomain).map { [$0.lowerBound, $0.upperBound] }
        kept_operators = model.keptOperators.map { KeptOperator(name: $0.name, op_type: $0.opType, domain: $0.domain) }
        let profile = try GraphProfile(graph: model.graph, features: model.inputFeatures)
        let treatments = model.nodeTreatments
        nodes = profile.nodes.map {
            NodeRow(index: $0.index, name: $0.name, op_type: $0.opType, domain: $0.domain, treatment: treatments[$0.index],
                    output_shapes: $0.outputShapes, parameters: $0.parameters, flops: $0.flops)
        }
        channel_layers = nodes.filter { $0.op_type == "Conv" }
        graph_parameters = nodes.reduce(0) { $0 + $1.parameters }
        graph_flops = nodes.reduce(0) { $0 + $1.flops }
        model_input = "\(model.graph.primaryInput.name) [" + (model.graph.primaryInput.shape ?? []).map { $0.map(String.init) ?? "N" }.joined(separator: ", ") + "]"
        core_input = model.coreInputTensor
        let unitGraph = try UnitGraph(graph: model.graph, features: model.inputFeatures)
        unit_layers = unitGraph.layers.enumerated().map { i, l in
            UnitLayerRow(index: i, name: l.name, kind: l.kind.rawValue, units: l.width, activation: l.activation.name,
                         kernel: l.kernel, positions: l.positions, sources: l.sourceLayers, folded_nodes: l.foldedNodes)
        }
        coupling_groups = unitGraph.couplingGroups.map { CouplingGroupRow(layers: $0.layers, units: $0.width, joins: $0.joins) }
        units = unitGraph.unitCount
        unit_edges = unitGraph.edgeCount
    }

    init(path: String, network: Network) {
        let stats = network.layerStatistics
        model = path
        opset = 0
        input_width = network.inputWidth
        output_width = network.outputWidth
        output_transform = network.outputTransform.rawValue
        input_domain = network.inputDomain.map { [$0.lowerBound, $0.upperBound] }
        input_scale = nil
        neurons = network.neuronCount
        hidden_neurons = network.hiddenNeuronCount
        edges = network.edgeCount
        parameters = network.parameterCount
        flops = network.flopCount
        layers = stats.map {
            LayerRow(index: $0.index, name: $0.name, kind: $0.kind, width: $0.width, activation: $0.activation,
                     edges: $0.edges, parameters: $0.parameters, flops: $0.flops, sources: $0.sources)
        }
        affine_layers = network.layers.count - 1
        widths = network.layers.map(\.width)
        kept_operators = []
    }

    /// The human-readable form: a layer table and the totals.
    var text: String {
        var table = Table("layer", "name", "width", "activation", "edges", "parameters", "FLOPs", "from")
        for row in layers {
            table.add("\(row.index)", row.name, "\(row.width)", row.activation, "\(row.edges)", "\(row.parameters)",
                      "\(row.flops)", row.sources.map(String.init).joined(separator: ","))
        }
        var lines = [
            "Model \(model) (opset \(opset))",
            table.rendered,
            "neurons \(neurons) (hidden \(hidden_neurons)), edges \(edges), parameters \(parameters), FLOPs/sample \(flops)",
            "output transform: \(output_transform)"
                + (input_domain.map { ", input domain [\($0[0]), \($0[1])]" } ?? "")
                + (input_scale.map { ", input scale \($0)" } ?? ""),
        ]
        if nodes.isEmpty {
            let kept = kept_operators.map { $0.domain.isEmpty ? $0.op_type : "\($0.op_type) (\($0.domain))" }
            lines.append("kept outside the core: " + (kept.isEmpty ? "none" : kept.joined(separator: ", ")))
            return lines.joined(separator: "\n")
        }
        // Every node of the graph and what Condense does with it.
        var graph = Table("node", "operator", "name", "treatment", "output shape", "parameters", "FLOPs")
        for node in nodes {
            let op = node.domain.isEmpty ? node.op_type : "\(node.domain).\(node.op_type)"
            let shape = node.output_shapes.first.map { "[" + $0.map { $0.map(String.init) ?? "N" }.joined(separator: ", ") + "]" } ?? "-"
            let name = node.name.count > 36 ? "…" + node.name.suffix(35) : node.name
            graph.add("\(node.index)", op, name, node.treatment, shape, "\(node.parameters)", "\(node.flops)")
        }
        var unitTable = Table("unit layer", "name", "kind", "units", "kernel", "activation", "from")
        for row in unit_layers {
            let name = row.name.count > 36 ? "…" + row.name.suffix(35) : row.name
            unitTable.add("\(row.index)", name, row.kind, "\(row.units)", row.kernel.map(String.init).joined(separator: "x"),
                          row.activation, row.sources.map(String.init).joined(separator: ","))
        }
        lines += ["", "units of the whole graph (neurons and channels): \(units) units, \(unit_edges) edges", unitTable.rendered]
        lines.append("coupling groups: " + (coupling_groups.isEmpty ? "none" : coupling_groups.map {
            "layers \($0.layers.map(String.init).joined(separator: "+")) (\($0.units) units each)"
        }.joined(separator: "; ")))
        lines += ["", "graph: input \(model_input), core input '\(core_input)'", graph.rendered,
                  "whole graph: \(nodes.count) nodes, parameters \(graph_parameters), FLOPs/sample \(graph_flops)"]
        return lines.joined(separator: "\n")
    }
}
