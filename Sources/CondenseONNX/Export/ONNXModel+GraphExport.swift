import CondenseCore
import CondenseGraph
import Foundation
import SwiftProtobuf

extension ONNXModel {
    /// The model rewritten to `graph`, a version of its own ``graph`` with the same nodes in
    /// which constants may be new or reshaped and node inputs rewired to them (what
    /// ``CondenseGraph/ComputeGraph/applying(_:units:)`` produces), or constants may keep
    /// their names with new values (what fine-tuning produces), serialized.
    ///
    /// Every node keeps its attributes except those the IR changed; constants the graph no
    /// longer reads are dropped with the `Constant`, `Identity` and `Transpose` nodes that
    /// only computed them; value infos of intermediate tensors (whose shapes may change) are
    /// dropped. An unchanged graph gives the bytes of the model as read. O(nodes + weights).
    public func exportData(graph newGraph: ComputeGraph, metadata extra: [String: String] = [:]) throws(CondenseError) -> Data {
        var model = proto
        var g = proto.graph
        let byOutput = Dictionary(newGraph.nodes.map { ($0.outputs.first { !$0.isEmpty } ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        var existing = Set(g.initializer.map(\.name))
        for node in g.node where node.opType == "Constant" { existing.formUnion(node.output) }
        var changed = false
        for (i, node) in g.node.enumerated() where node.opType != "Constant" {
            guard let key = node.output.first(where: { !$0.isEmpty }), let ir = byOutput[key] else { continue }
            if ir.inputs != node.input {
                g.node[i].input = ir.inputs
                changed = true
            }
            for (name, attribute) in ir.attributes {
                guard case .float(let v) = attribute, g.node[i].attribute.contains(where: { $0.name == name }) || name == "beta" else { continue }
                if g.node[i].attribute(name)?.f != v { g.node[i].setFloat(name, v); changed = true }
            }
        }
        // Constants that keep their name but not their value (fine-tuned weights): rewritten in
        // place when they are initializers; a `Constant` node's value becomes an initializer.
        for (name, value) in newGraph.constants {
            guard let old = graph.constants[name], old != value else { continue }
            if let i = g.initializer.firstIndex(where: { $0.name == name }) {
                g.initializer[i] = try Onnx_TensorProto.make(name: name, tensor: value)
            } else {
                g.node.removeAll { $0.opType == "Constant" && $0.output == [name] }
                g.initializer.append(try Onnx_TensorProto.make(name: name, tensor: value))
            }
            changed = true
        }
        guard changed else { return try exportData(network: network, metadata: extra) }
        var used = Set(g.output.map(\.name))
        for node in g.node { used.formUnion(node.input) }
        for name in used where !existing.contains(name) {
            guard let t = newGraph.constants[name] else { continue }
            g.initializer.append(try Onnx_TensorProto.make(name: name, tensor: t))
        }
        // Nodes whose outputs nobody reads any more (old weights, their Transposes) go, repeatedly.
        var removed = true
        while removed {
            let before = g.node.count
            g.node.removeAll { $0.output.allSatisfy { !used.contains($0) } && ["Constant", "Transpose", "Identity"].contains($0.opType) }
            removed = g.node.count < before
            used = Set(g.output.map(\.name))
            for node in g.node { used.formUnion(node.input) }
        }
        g.initializer.removeAll { !used.contains($0.name) }
        let initializers = Set(g.initializer.map(\.name))
        let dataInputs = Set(newGraph.inputs.map(\.name))
        g.input.removeAll { initializers.contains($0.name) || (!used.contains($0.name) && !dataInputs.contains($0.name)) }
        let outputs = Set(g.output.map(\.name))
        g.valueInfo.removeAll { !outputs.contains($0.name) }
        model.graph = g
        if model.irVersion < 4 { model.irVersion = 4 }
        var props = metadata
        for (k, v) in extra { props[k] = v }
        return try Self.serialized(model, metadata: props)
    }

    /// Writes the model rewritten to `graph` to `path`, atomically.
    public func write(graph: ComputeGraph, to path: String, metadata: [String: String] = [:]) throws(CondenseError) {
        try AtomicFile.write(exportData(graph: graph, metadata: metadata), to: path)
    }
}

extension Onnx_TensorProto {
    /// An initializer holding an IR tensor in its element type (float, double, float16, int64, int32).
    static func make(name: String, tensor: GraphTensor) throws(CondenseError) -> Onnx_TensorProto {
        var t = Onnx_TensorProto()
        t.name = name
        t.dims = tensor.shape.map { Int64($0) }
        t.dataType = tensor.elementType.rawValue
        var raw = Data()
        switch (tensor.storage, tensor.elementType) {
        case (.float(let v), .double):
            for x in v { withUnsafeBytes(of: Double(x).bitPattern.littleEndian) { raw.append(contentsOf: $0) } }
        case (.float(let v), .float16):
            for x in v { withUnsafeBytes(of: Float16(x).bitPattern.littleEndian) { raw.append(contentsOf: $0) } }
        case (.float(let v), _):
            t.dataType = ElementType.float.rawValue
            for x in v { withUnsafeBytes(of: x.bitPattern.littleEndian) { raw.append(contentsOf: $0) } }
        case (.int64(let v), .int32):
            for x in v { withUnsafeBytes(of: Int32(truncatingIfNeeded: x).littleEndian) { raw.append(contentsOf: $0) } }
        case (.int64(let v), _):
            t.dataType = ElementType.int64.rawValue
            for x in v { withUnsafeBytes(of: x.littleEndian) { raw.append(contentsOf: $0) } }
        case (.string, _):
            throw .internalError("string constant '\(name)' cannot be rewritten")
        }
        t.rawData = raw
        return t
    }
}
