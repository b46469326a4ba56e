import CondenseCore

/// Look-up tables over an ONNX graph: which node produces and consumes each tensor,
/// and which tensors are constants (initializers or `Constant` nodes). O(nodes + edges).
struct GraphIndex {
    let graph: Onnx_GraphProto
    /// Node index producing each tensor.
    private(set) var producer: [String: Int] = [:]
    /// Node indices consuming each tensor, in graph order.
    private(set) var consumers: [String: [Int]] = [:]
    /// Constant tensors by name: initializers, and `value` tensors of `Constant` nodes.
    private(set) var constants: [String: Onnx_TensorProto] = [:]
    /// Names of the graph's outputs.
    let graphOutputs: Set<String>
    /// `Transpose` nodes of constant matrices, read as constants.
    private(set) var foldedTransposes = Set<Int>()

    init(_ graph: Onnx_GraphProto) {
        self.graph = graph
        graphOutputs = Set(graph.output.map(\.name))
        for t in graph.initializer { constants[t.name] = t }
        for (i, node) in graph.node.enumerated() {
            for out in node.output where !out.isEmpty { producer[out] = i }
            for inp in node.input where !inp.isEmpty { consumers[inp, default: []].append(i) }
            if node.opType == "Constant", node.domain.isEmpty || node.domain == "ai.onnx",
               let value = node.attribute("value"), value.hasT, let out = node.output.first {
                var t = value.t
                t.name = out
                constants[out] = t
            }
            // A Transpose of a constant matrix (PyTorch's dynamo export of nn.Linear) is a constant.
            if node.opType == "Transpose", node.domain.isEmpty || node.domain == "ai.onnx", node.input.count == 1,
               let source = constants[node.input[0]], source.dims.count == 2,
               node.attribute("perm").map({ $0.ints == [1, 0] }) ?? true,
               let values = try? source.floatValues(), let out = node.output.first,
               let type = TensorElementType(rawValue: source.dataType), type == .float || type == .double {
                let rows = Int(source.dims[0]), columns = Int(source.dims[1])
                let transposed = Matrix(rows: rows, columns: columns, values: values).transposed
                constants[out] = .make(name: out, dims: [columns, rows], values: transposed.values, elementType: type)
                foldedTransposes.insert(i)
            }
        }
    }

    func isConstant(_ name: String) -> Bool { constants[name] != nil }

    /// The node's inputs that are not constants (its data inputs).
    func dataInputs(of node: Onnx_NodeProto) -> [String] {
        node.input.filter { !$0.isEmpty && !isConstant($0) }
    }

    /// Whether an affine node (Gemm or MatMul with a constant weight) is reachable from `tensor`.
    /// Breadth-first over consumers: O(nodes + edges).
    func affineNodeReachable(from tensor: String) -> Int? {
        var queue = consumers[tensor] ?? []
        var seen = Set(queue)
        while let i = queue.popLast() {
            let node = graph.node[i]
            if AffineOperator(node, index: self) != nil { return i }
            for out in node.output {
                for c in consumers[out] ?? [] where seen.insert(c).inserted { queue.append(c) }
            }
        }
        return nil
    }
}

/// The affine operators Condense reads as a layer: `Gemm`, or `MatMul` with a constant weight.
enum AffineOperator: Sendable {
    case gemm
    case matMul

    init?(_ node: Onnx_NodeProto, index: GraphIndex) {
        guard node.domain.isEmpty || node.domain == "ai.onnx" else { return nil }
        switch node.opType {
        case "Gemm" where node.input.count >= 2 && index.isConstant(node.input[1]): self = .gemm
        case "MatMul" where node.input.count == 2 && index.isConstant(node.input[1]): self = .matMul
        default: return nil
        }
    }
}

extension GraphIndex {
    /// The node producing `tensor`, if any.
    func producerIndex(of tensor: String) -> Int? { producer[tensor] }
}
