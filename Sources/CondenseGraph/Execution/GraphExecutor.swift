import CondenseCore

/// Runs a ``ComputeGraph``: every node in topological order on batched tensors (OpenBLAS
/// for `Gemm`, `MatMul` and `Conv`), freeing each tensor after its last reader.
///
/// A ``Substitution`` replaces a connected part of the graph (Condense's unit layers) by
/// another function of the same input and output tensors, so the simplified network runs
/// inside the untouched pre- and post-processing. O(nodes + work of the operators).
public struct GraphExecutor: Sendable {
    public let graph: ComputeGraph

    /// A part of the graph computed by other means: `nodes` are skipped, and `output` is
    /// computed from `input` by `compute` when the first of them is reached.
    public struct Substitution: Sendable {
        public var nodes: Set<Int>
        public var input: String
        public var output: String
        public var compute: @Sendable (GraphTensor) throws(CondenseError) -> GraphTensor

        public init(nodes: Set<Int>, input: String, output: String,
                    compute: @escaping @Sendable (GraphTensor) throws(CondenseError) -> GraphTensor) {
            self.nodes = nodes
            self.input = input
            self.output = output
            self.compute = compute
        }
    }

    public init(graph: ComputeGraph) { self.graph = graph }

    /// The tensors `targets` (default: the graph outputs) computed from `feeds`.
    /// Only the nodes the targets depend on run.
    public func run(_ feeds: [String: GraphTensor], targets: [String]? = nil,
                    substitution: Substitution? = nil) throws(CondenseError) -> [String: GraphTensor] {
        let wanted = targets ?? graph.outputs.map(\.name)
        var order = graph.ancestors(of: wanted)
        if let substitution {
            order.removeAll { substitution.nodes.contains($0) }
            // The substituted part's input and everything it needs must still run.
            let before = graph.ancestors(of: [substitution.input])
            order = Array(Set(order).union(before)).sorted()
        }
        // Last reader of each tensor, so buffers are dropped as soon as possible.
        var lastUse: [String: Int] = [:]
        for (step, i) in order.enumerated() { for inp in graph.nodes[i].inputs where !inp.isEmpty { lastUse[inp] = step } }
        let keep = Set(wanted)
        var values = feeds
        var substituted = false
        if let substitution, values[substitution.input] != nil {
            try applySubstitution(substitution, &values)
            substituted = true
        }
        for (step, i) in order.enumerated() {
            let node = graph.nodes[i]
            var inputs: [GraphTensor?] = []
            inputs.reserveCapacity(node.inputs.count)
            for name in node.inputs {
                if name.isEmpty { inputs.append(nil); continue }
                guard let t = values[name] ?? graph.constants[name] else {
                    throw .invalidArgument("node '\(node.displayName)' needs '\(name.replacingControlCharacters)', which was not given")
                }
                inputs.append(t)
            }
            let outputs = try OperatorKernels.run(node, inputs, opset: graph.opset)
            for (name, t) in zip(node.outputs, outputs) where !name.isEmpty { values[name] = t }
            if let substitution, !substituted, node.outputs.contains(substitution.input) {
                try applySubstitution(substitution, &values)
                substituted = true
            }
            for name in node.inputs where lastUse[name] == step && !keep.contains(name) { values[name] = nil }
        }
        if let substitution, !substituted {
            throw .internalError("the substituted part's input '\(substitution.input)' was never computed")
        }
        var result: [String: GraphTensor] = [:]
        for name in wanted {
            guard let t = values[name] ?? graph.constants[name] else {
                throw .internalError("tensor '\(name.replacingControlCharacters)' was not computed")
            }
            result[name] = t
        }
        return result
    }

    private func applySubstitution(_ s: Substitution, _ values: inout [String: GraphTensor]) throws(CondenseError) {
        guard let input = values[s.input] else {
            throw .internalError("the substituted part's input '\(s.input)' was not computed")
        }
        values[s.output] = try s.compute(input)
    }

    /// Runs the graph on a batch of flat samples (`rows` = samples), reshaped to the
    /// primary input's declared shape with the batch size in place of its first axis.
    public func run(batch: Matrix, targets: [String]? = nil, substitution: Substitution? = nil) throws(CondenseError) -> [String: GraphTensor] {
        try run([graph.primaryInput.name: try inputTensor(batch)], targets: targets, substitution: substitution)
    }

    /// The primary input tensor for a batch of flat samples.
    public func inputTensor(_ batch: Matrix) throws(CondenseError) -> GraphTensor {
        let shape = try graph.inputShape(batch: batch.rows, features: batch.columns)
        var t = GraphTensor(shape: shape, floats: batch.values)
        if let type = graph.primaryInput.elementType, !type.isFloatingPoint {
            t = GraphTensor(shape: shape, ints: batch.values.map { Int64($0.rounded()) }, elementType: type)
        }
        return t
    }
}

extension ComputeGraph {
    /// Features per sample the primary input declares (`nil` when its shape is unknown past the batch axis).
    public var inputFeatures: Int? {
        guard let shape = primaryInput.shape, shape.count >= 1 else { return nil }
        var n = 1
        for d in shape.dropFirst() {
            guard let d else { return nil }
            let (m, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, m <= 1 << 40 else { return nil }
            n = m
        }
        return n
    }

    /// The primary input's shape for `batch` samples of `features` values each.
    public func inputShape(batch: Int, features: Int) throws(CondenseError) -> [Int] {
        guard let declared = primaryInput.shape, !declared.isEmpty else { return [batch, features] }
        if let expected = inputFeatures, expected != features {
            throw .shapeMismatch("the model's input '\(primaryInput.name)' takes \(expected) features per sample "
                                 + "(shape \(declared.map { $0.map(String.init) ?? "N" })); the data has \(features)")
        }
        if declared.count == 1 { return [batch * features] }
        if inputFeatures == nil {
            // Unknown inner axes: only a 2-D input can take flat rows.
            guard declared.count == 2 else {
                throw .shapeMismatch("the model's input '\(primaryInput.name)' has unknown inner dimensions \(declared)")
            }
            return [batch, features]
        }
        return [batch] + declared.dropFirst().map { $0! }
    }
}

extension ComputeGraph {
    /// Runs every node once on one all-zero sample, so that a graph whose shapes do not fit
    /// together (a weight of the wrong size, a Reshape that cannot be, a Concat of unequal
    /// sides) is refused when it is loaded, with the node that fails, and not in the middle of
    /// a job. Skipped when the input's features per sample are not declared. O(one forward pass).
    public func checkShapesByDryRun() throws(CondenseError) {
        var feeds: [String: GraphTensor] = [:]
        for input in inputs {
            // Symbolic axes (the batch) become 1; an input of unknown rank skips the check.
            guard let declared = input.shape, !input.isSequence else { return }
            let shape = declared.map { $0 ?? 1 }
            var count = 1
            for d in shape {
                let (m, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow, m <= 1 << 26 else { return }
                count = m
            }
            let type = input.elementType ?? .float
            feeds[input.name] = type.isFloatingPoint
                ? GraphTensor(shape: shape, floats: [Float](repeating: 0, count: count), elementType: type)
                : GraphTensor(shape: shape, ints: [Int64](repeating: 0, count: count), elementType: type)
        }
        _ = try GraphExecutor(graph: self).run(feeds)
    }
}
