import CondenseCore

/// Condense's own IR of a whole ONNX graph: typed tensors with shapes, nodes in
/// topological order and constant initializers.
///
/// Building one validates the graph: every node has an output, each tensor is produced
/// once, every input is defined, there is no cycle, and every operator is one the
/// ``GraphExecutor`` runs (else the graph is refused with one line naming the node, its
/// operator and why). Nothing is skipped. O(nodes + edges).
public struct ComputeGraph: Sendable {
    /// A graph input or output with its element type and shape; `nil` dimensions are symbolic (the batch).
    public struct Value: Sendable, Codable, Equatable {
        public var name: String
        public var elementType: ElementType?
        public var shape: [Int?]?
        /// For outputs that are sequences of maps (scikit-learn's `ZipMap`).
        public var isSequence: Bool

        public init(name: String, elementType: ElementType?, shape: [Int?]?, isSequence: Bool = false) {
            self.name = name
            self.elementType = elementType
            self.shape = shape
            self.isSequence = isSequence
        }
    }

    /// Nodes in a topological order (the file's order when it is one).
    public private(set) var nodes: [GraphNode]
    /// Constant tensors by name (initializers; `Constant` nodes are folded into them).
    public private(set) var constants: [String: GraphTensor]
    /// Data inputs (graph inputs that are not initializers).
    public let inputs: [Value]
    public let outputs: [Value]
    /// Opset of the default domain and of `ai.onnx.ml`.
    public let opset: Int
    public let mlOpset: Int

    /// Index of the node producing each tensor.
    public private(set) var producer: [String: Int] = [:]
    /// Indices of the nodes reading each tensor.
    public private(set) var consumers: [String: [Int]] = [:]

    public init(nodes: [GraphNode], constants: [String: GraphTensor], inputs: [Value], outputs: [Value],
                opset: Int, mlOpset: Int = 1) throws(CondenseError) {
        self.constants = constants
        self.inputs = inputs
        self.outputs = outputs
        self.opset = opset
        self.mlOpset = mlOpset
        guard !inputs.isEmpty else { throw .invalidModel("the graph has no data input") }
        guard !outputs.isEmpty else { throw .invalidModel("the graph has no output") }
        self.nodes = []
        self.nodes = try Self.sorted(nodes, constants: constants, inputs: inputs)
        for node in self.nodes { try OperatorSupport.check(node, opset: opset) }
        foldConstantNodes()
        reindex()
        for output in outputs where producer[output.name] == nil && constants[output.name] == nil
            && !inputs.contains(where: { $0.name == output.name }) {
            throw .invalidModel("graph output '\(output.name.replacingControlCharacters)' is produced by no node")
        }
    }

    /// A topological order of the nodes, refusing nodes without outputs, tensors produced
    /// twice, undefined inputs and cycles. O(nodes + edges).
    static func sorted(_ nodes: [GraphNode], constants: [String: GraphTensor], inputs: [Value]) throws(CondenseError) -> [GraphNode] {
        var producedBy: [String: Int] = [:]
        var defined = Set(constants.keys)
        for input in inputs { defined.insert(input.name) }
        for (i, node) in nodes.enumerated() {
            guard node.outputs.contains(where: { !$0.isEmpty }) else {
                throw .invalidModel("node '\(node.displayName)' (\(node.opType)) has no output")
            }
            for out in node.outputs where !out.isEmpty {
                if producedBy[out] != nil || defined.contains(out) {
                    throw .invalidModel("tensor '\(out.replacingControlCharacters)' is produced more than once (again by node '\(node.displayName)')")
                }
                producedBy[out] = i
            }
        }
        var waiting = [Int](repeating: 0, count: nodes.count)
        var dependents: [[Int]] = Array(repeating: [], count: nodes.count)
        for (i, node) in nodes.enumerated() {
            for inp in node.inputs where !inp.isEmpty {
                if let p = producedBy[inp] {
                    if p == i { throw .invalidModel("node '\(node.displayName)' reads its own output '\(inp.replacingControlCharacters)'") }
                    waiting[i] += 1
                    dependents[p].append(i)
                } else if !defined.contains(inp) {
                    throw .invalidModel("node '\(node.displayName)' reads '\(inp.replacingControlCharacters)', which no node, input or initializer defines")
                }
            }
        }
        // The file's order when it is already topological (exporters write it so), else
        // Kahn's algorithm with a queue seeded in file order. O(nodes + edges) either way.
        if (0..<nodes.count).allSatisfy({ i in nodes[i].inputs.allSatisfy { $0.isEmpty || (producedBy[$0].map { $0 < i } ?? true) } }) {
            return nodes
        }
        var queue = (0..<nodes.count).filter { waiting[$0] == 0 }
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            for d in dependents[i] {
                waiting[d] -= 1
                if waiting[d] == 0 { queue.append(d) }
            }
        }
        let order = queue
        guard order.count == nodes.count else {
            let stuck = nodes.indices.first { waiting[$0] > 0 }.map { nodes[$0].displayName } ?? "?"
            throw .invalidModel("the graph has a cycle (through node '\(stuck)')")
        }
        return order.map { nodes[$0] }
    }

    /// `Constant` nodes become constants (their outputs are then no node's).
    private mutating func foldConstantNodes() {
        var kept: [GraphNode] = []
        for node in nodes {
            if node.isONNX("Constant"), let value = try? OperatorKernels.constantValue(node) {
                constants[node.outputs[0]] = value
            } else {
                kept.append(node)
            }
        }
        nodes = kept
    }

    private mutating func reindex() {
        producer = [:]
        consumers = [:]
        for (i, node) in nodes.enumerated() {
            for out in node.outputs where !out.isEmpty { producer[out] = i }
            for inp in node.inputs where !inp.isEmpty { consumers[inp, default: []].append(i) }
        }
    }

    public func isConstant(_ name: String) -> Bool { constants[name] != nil }

    /// The indices of the nodes `targets` depend on, in topological order. O(nodes + edges).
    public func ancestors(of targets: [String]) -> [Int] {
        var needed = Set<Int>()
        var stack = targets.compactMap { producer[$0] }
        while let i = stack.popLast() {
            guard needed.insert(i).inserted else { continue }
            for inp in nodes[i].inputs where !inp.isEmpty { if let p = producer[inp] { stack.append(p) } }
        }
        return needed.sorted()
    }

    /// The indices of the nodes that depend on `tensor`. O(nodes + edges).
    public func descendants(of tensor: String) -> Set<Int> {
        var seen = Set<Int>()
        var stack = consumers[tensor] ?? []
        while let i = stack.popLast() {
            guard seen.insert(i).inserted else { continue }
            for out in nodes[i].outputs where !out.isEmpty { stack.append(contentsOf: consumers[out] ?? []) }
        }
        return seen
    }

    /// The first data input.
    public var primaryInput: Value { inputs[0] }

    /// Replaces the nodes and constants (for graph rewriting passes); revalidates.
    public func replacing(nodes newNodes: [GraphNode], constants newConstants: [String: GraphTensor]) throws(CondenseError) -> ComputeGraph {
        try ComputeGraph(nodes: newNodes, constants: newConstants, inputs: inputs, outputs: outputs, opset: opset, mlOpset: mlOpset)
    }
}
