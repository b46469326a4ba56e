import CondenseCore
import CondenseGraph
import Foundation
import SwiftProtobuf

/// An ONNX model and the Condense ``Network`` read from its neural core.
///
/// The model is kept whole: export (``exportData(network:)``) patches the original
/// graph's initializers and shapes to a new network, so everything outside the core
/// (pre-processing, Softmax, scikit-learn post-processing) survives unchanged.
public struct ONNXModel: Sendable {
    /// The model as read (never modified in place).
    public let proto: Onnx_ModelProto
    /// The neural core as a network.
    public let network: Network
    /// The whole graph in Condense's IR: every node outside the core is run by its executor.
    public let graph: ComputeGraph
    let core: NeuralCore
    /// The IR nodes of the core (skipped when a network runs in its place), found once at load.
    let coreGraphNodes: Set<Int>

    /// An operator of the graph that lies outside the neural core and is kept as it is.
    public struct KeptOperator: Hashable, Sendable, Codable {
        public var name: String
        public var opType: String
        public var domain: String
    }

    /// Nodes outside the neural core, in graph order (Constant nodes that only hold core weights are left out).
    public let keptOperators: [KeptOperator]
    /// `metadata_props` of the model.
    public let metadata: [String: String]
    /// The default opset version (`ai.onnx` domain).
    public var opsetVersion: Int {
        Int(proto.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }?.version ?? 0)
    }
    /// The input scaling the model states in `condense.input_scale` ("1/255", "0.00392"), if any.
    public var inputScale: Float? { metadata["condense.input_scale"].flatMap(Self.parseNumber) }

    /// Reads a model file. The file is only read, never written.
    public static func load(path: String) throws(CondenseError) -> ONNXModel {
        try ONNXModel(data: readInputFile(path, what: "model"), source: path)
    }

    /// Parses serialized ONNX bytes; `source` names them in error messages.
    public init(data: Data, source: String = "model") throws(CondenseError) {
        try self.init(proto: try Self.decode(data, source: source))
    }

    /// The protobuf message of serialized ONNX bytes, with one-line errors for what is not ONNX.
    static func decode(_ data: Data, source: String) throws(CondenseError) -> Onnx_ModelProto {
        guard !data.isEmpty else { throw .invalidModel("\(source) is empty") }
        let proto: Onnx_ModelProto
        do {
            var options = BinaryDecodingOptions()
            options.messageDepthLimit = 64
            proto = try Onnx_ModelProto(serializedBytes: data, options: options)
        } catch BinaryDecodingError.truncated {
            throw .invalidModel("\(source) is truncated (the protobuf data ends early)")
        } catch {
            throw .invalidModel("\(source) is not an ONNX model (protobuf decoding failed: \(error))")
        }
        guard proto.irVersion > 0, proto.hasGraph, !proto.graph.node.isEmpty else {
            throw .invalidModel("\(source) is not an ONNX model (no IR version or no graph)")
        }
        return proto
    }

    init(proto: Onnx_ModelProto) throws(CondenseError) {
        self.proto = proto
        var metadata: [String: String] = [:]
        for entry in proto.metadataProps { metadata[entry.key] = entry.value }
        self.metadata = metadata
        graph = try ComputeGraph(onnx: proto)
        let extraction = try CoreExtraction(graph: proto.graph)
        core = extraction.core
        coreGraphNodes = Self.coreGraphNodes(of: extraction.core, proto: proto, graph: graph)
        // The metadata's domain describes the model's input: it is the core's only without pre-processing.
        let hasPreprocessing = graph.primaryInput.name != extraction.core.inputTensor
        let domain = hasPreprocessing ? nil : metadata["condense.input_domain"].flatMap(Self.parseDomain)
        network = try Network(layers: extraction.layers, outputTransform: extraction.outputTransform, inputDomain: domain)
        let weightNames = Set(core.layers.flatMap { proto.graph.node[$0.affineNode].input.dropFirst() })
        keptOperators = proto.graph.node.enumerated().compactMap { i, node in
            if extraction.core.nodes.contains(i) { return nil }
            if node.opType == "Constant", node.output.allSatisfy(weightNames.contains) { return nil }
            return KeptOperator(name: node.name, opType: node.opType, domain: node.domain)
        }
        try graph.checkShapesByDryRun()
    }

    /// Parses a scale such as "1/255" or "0.5".
    public static func parseScale(_ text: String) -> Float? { parseNumber(text) }

    static func parseNumber(_ text: String) -> Float? {
        let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, let a = Float(parts[0]), let b = Float(parts[1]), b != 0 { return a / b }
        return Float(text.trimmingCharacters(in: .whitespaces))
    }

    /// Parses a domain such as "0,1" (finite, LO <= HI).
    public static func parseDomain(_ text: String) -> ClosedRange<Float>? {
        guard let r = parseRange(text), r.lowerBound.isFinite, r.upperBound.isFinite else { return nil }
        return r
    }

    static func parseRange(_ text: String) -> ClosedRange<Float>? {
        let parts = text.split(separator: ",").compactMap { parseNumber(String($0)) }
        guard parts.count == 2, parts[0] <= parts[1] else { return nil }
        return parts[0]...parts[1]
    }
}
