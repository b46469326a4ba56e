import CondenseCore
import CondenseGraph
import Foundation

extension ComputeGraph {
    /// Reads the ONNX file at `path` as a graph (any graph the executor runs, with or
    /// without unit layers); the file is only read. Shapes are checked by a dry run.
    public static func load(onnxPath path: String) throws(CondenseError) -> ComputeGraph {
        let proto = try ONNXModel.decode(readInputFile(path, what: "model"), source: path)
        let graph = try ComputeGraph(onnx: proto)
        try graph.checkShapesByDryRun()
        return graph
    }

    /// The whole ONNX graph as Condense's IR: every node, every initializer decoded, the
    /// inputs and outputs with their types and shapes. Refuses (by node) what the
    /// ``GraphExecutor`` does not run. O(nodes + weights).
    init(onnx model: Onnx_ModelProto) throws(CondenseError) {
        let graph = model.graph
        var constants: [String: GraphTensor] = [:]
        for t in graph.initializer { constants[t.name] = try t.graphTensor() }
        let nodes = try graph.node.map { (node) throws(CondenseError) in try GraphNode(onnx: node) }
        let inputs = graph.input.filter { constants[$0.name] == nil }.map(Value.init(onnx:))
        let outputs = graph.output.map(Value.init(onnx:))
        func version(_ domains: [String]) -> Int {
            Int(model.opsetImport.first { domains.contains($0.domain) }?.version ?? 0)
        }
        try self.init(nodes: nodes, constants: constants, inputs: inputs, outputs: outputs,
                      opset: version(["", "ai.onnx"]), mlOpset: version(["ai.onnx.ml"]))
    }
}

extension ComputeGraph.Value {
    init(onnx info: Onnx_ValueInfoProto) {
        var type: ElementType?
        var shape: [Int?]?
        var sequence = false
        switch info.type.value {
        case .tensorType(let t)?:
            type = ElementType(rawValue: t.elemType)
            if t.hasShape { shape = t.shape.dim.map { d in if case .dimValue(let v)? = d.value, v > 0 { return Int(v) } else { return nil } } }
        case .sequenceType?, .mapType?:
            sequence = true
        default:
            break
        }
        self.init(name: info.name, elementType: type, shape: shape, isSequence: sequence)
    }
}

extension GraphNode {
    init(onnx node: Onnx_NodeProto) throws(CondenseError) {
        var attributes: [String: Attribute] = [:]
        for a in node.attribute {
            let value: Attribute
            switch a.type {
            case .float: value = .float(a.f)
            case .int: value = .int(a.i)
            case .string: value = .string(String(decoding: a.s, as: UTF8.self))
            case .floats: value = .floats(a.floats)
            case .ints: value = .ints(a.ints)
            case .strings: value = .strings(a.strings.map { String(decoding: $0, as: UTF8.self) })
            case .tensor: value = .tensor(try a.t.graphTensor())
            case .undefined:
                // Old exporters leave the type unset; infer it from the field that is filled.
                if !a.ints.isEmpty { value = .ints(a.ints) } else if !a.floats.isEmpty { value = .floats(a.floats) }
                else if a.hasT { value = .tensor(try a.t.graphTensor()) } else if !a.s.isEmpty { value = .string(String(decoding: a.s, as: UTF8.self)) }
                else if a.f != 0 { value = .float(a.f) } else { value = .int(a.i) }
            default: value = .unsupported("\(a.type)")
            }
            attributes[a.name] = value
        }
        self.init(name: node.name, opType: node.opType, domain: node.domain, inputs: node.input, outputs: node.output,
                  attributes: attributes)
    }
}

extension Onnx_TensorProto {
    /// The tensor in the IR: float types as `Float`, integer and bool types as `Int64`, strings as `String`.
    func graphTensor() throws(CondenseError) -> GraphTensor {
        let shape = dims.map { Int($0) }
        let count = try declaredElementCount()
        guard dataLocation != .external else {
            throw .invalidModel("tensor '\(name.replacingControlCharacters)' keeps its data in an external file, which Condense does not read")
        }
        guard let type = ElementType(rawValue: dataType) else {
            throw .invalidModel("tensor '\(name.replacingControlCharacters)' has element type \(dataType), which Condense does not read")
        }
        switch type {
        case .float, .double:
            return GraphTensor(shape: shape, floats: try floatValues(), elementType: type)
        case .float16:
            let bits: [UInt16]
            if !rawData.isEmpty {
                guard rawData.count == 2 * count else { throw .invalidModel("tensor '\(name)' has a raw_data size that disagrees with its dims") }
                bits = rawData.withUnsafeBytes { b in (0..<count).map { UInt16(littleEndian: b.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self)) } }
            } else {
                guard int32Data.count == count else { throw .invalidModel("tensor '\(name)' holds \(int32Data.count) values for dims \(dims)") }
                bits = int32Data.map { UInt16(truncatingIfNeeded: $0) }
            }
            return GraphTensor(shape: shape, floats: bits.map { Float(Float16(bitPattern: $0)) }, elementType: .float16)
        case .int64, .int32:
            return GraphTensor(shape: shape, ints: try int64Values(), elementType: type)
        case .uint8, .int8, .uint16, .int16, .bool, .uint32, .uint64:
            let width: Int = [.uint8, .int8, .bool].contains(type) ? 1 : [.uint16, .int16].contains(type) ? 2 : [.uint32].contains(type) ? 4 : 8
            var values: [Int64]
            if !rawData.isEmpty {
                guard rawData.count == width * count else { throw .invalidModel("tensor '\(name)' has a raw_data size that disagrees with its dims") }
                values = rawData.withUnsafeBytes { b in
                    (0..<count).map { i -> Int64 in
                        switch type {
                        case .int8: return Int64(b.load(fromByteOffset: i, as: Int8.self))
                        case .uint8, .bool: return Int64(b.load(fromByteOffset: i, as: UInt8.self))
                        case .int16: return Int64(Int16(littleEndian: b.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)))
                        case .uint16: return Int64(UInt16(littleEndian: b.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
                        case .uint32: return Int64(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                        default: return Int64(truncatingIfNeeded: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                        }
                    }
                }
            } else {
                values = type == .uint64 ? uint64Data.map { Int64(truncatingIfNeeded: $0) } : int32Data.map { Int64($0) }
                if type == .uint32 { values = uint64Data.map { Int64(truncatingIfNeeded: $0) } }
                guard values.count == count else { throw .invalidModel("tensor '\(name)' holds \(values.count) values for dims \(dims)") }
            }
            return GraphTensor(shape: shape, ints: values, elementType: type)
        case .string:
            guard stringData.count == count else { throw .invalidModel("tensor '\(name)' holds \(stringData.count) strings for dims \(dims)") }
            return GraphTensor(shape: shape, strings: stringData.map { String(decoding: $0, as: UTF8.self) })
        case .bfloat16:
            throw .invalidModel("tensor '\(name.replacingControlCharacters)' is bfloat16, which Condense does not read")
        }
    }
}
