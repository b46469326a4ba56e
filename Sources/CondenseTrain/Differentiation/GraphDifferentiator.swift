import CondenseCore
import CondenseGraph

/// Reverse-mode differentiation of a ``CondenseGraph/ComputeGraph``: a forward pass that
/// keeps the tensors the backward pass reads, then, from `dLoss/dOutput`, the gradients of
/// the loss with respect to the trained constants.
///
/// Only the nodes the loss's tensor depends on run forward; only those on a path from a
/// trained constant to it run backward, each by its operator's ``GradientRule``. Which
/// nodes those are, and that each has a rule, is settled when the differentiator is built,
/// so an unsupported operator refuses the model by name before any training. O(nodes +
/// edges) to build; a pass costs about three forward passes (the backward of a product
/// is two products).
public struct GraphDifferentiator: Sendable {
    public let graph: ComputeGraph
    /// The trained constants, in a fixed order.
    public let parameters: [String]
    /// The tensor the loss reads.
    public let output: String
    let forwardOrder: [Int]
    let backwardOrder: [Int]
    let requiresGradient: Set<String>

    public init(graph: ComputeGraph, parameters: [String], output: String) throws(CondenseError) {
        guard graph.producer[output] != nil else { throw .invalidArgument("no node computes '\(output)'") }
        self.graph = graph
        self.parameters = parameters
        self.output = output
        forwardOrder = graph.ancestors(of: [output])
        var requires = Set(parameters)
        for i in forwardOrder {
            let node = graph.nodes[i]
            guard !GradientRules.stopping.contains(node.opType), node.inputs.contains(where: { requires.contains($0) }) else { continue }
            for name in node.outputs where !name.isEmpty { requires.insert(name) }
        }
        guard requires.contains(output) else {
            throw .invalidArgument("no trained weight reaches '\(output)': nothing to fine-tune")
        }
        requiresGradient = requires
        backwardOrder = forwardOrder.filter { requires.contains(graph.nodes[$0].outputs[0]) }.reversed()
        for i in backwardOrder { _ = try GradientRules.rule(for: graph.nodes[i]) }
    }

    /// The tensors of one forward pass.
    public struct Tape: Sendable {
        public var values: [String: GraphTensor]
    }

    /// Runs the graph up to ``output`` on `feeds`, with `values` in place of the trained constants.
    public func forward(_ feeds: [String: GraphTensor], values: [String: GraphTensor]) throws(CondenseError) -> Tape {
        var tape = feeds
        for i in forwardOrder {
            let node = graph.nodes[i]
            var inputs: [GraphTensor?] = []
            inputs.reserveCapacity(node.inputs.count)
            for name in node.inputs {
                if name.isEmpty { inputs.append(nil); continue }
                guard let t = tape[name] ?? values[name] ?? graph.constants[name] else {
                    throw .invalidArgument("node '\(node.displayName)' needs '\(name.replacingControlCharacters)', which was not given")
                }
                inputs.append(t)
            }
            let outputs = try OperatorKernels.run(node, inputs, opset: graph.opset)
            for (name, t) in zip(node.outputs, outputs) where !name.isEmpty { tape[name] = t }
        }
        return Tape(values: tape)
    }

    /// The gradient of the loss with respect to each trained constant, from `seed` = dLoss/d``output``.
    public func backward(_ tape: Tape, seed: [Float], values: [String: GraphTensor]) throws(CondenseError) -> [String: [Float]] {
        try backward(tape, seed: seed, values: values, tensors: []).parameters
    }

    /// The gradients with respect to the trained constants and to the intermediate `tensors`
    /// (those a trained constant reaches; the Taylor criterion reads feature maps' gradients).
    public func backward(_ tape: Tape, seed: [Float], values: [String: GraphTensor],
                         tensors: Set<String>) throws(CondenseError) -> (parameters: [String: [Float]], tensors: [String: [Float]]) {
        var gradients: [String: [Float]] = [output: seed]
        var kept: [String: [Float]] = [:]
        if tensors.contains(output) { kept[output] = seed }
        for i in backwardOrder {
            let node = graph.nodes[i]
            guard let gy = gradients.removeValue(forKey: node.outputs[0]), let y = tape.values[node.outputs[0]] else { continue }
            // A tensor's gradient is complete when its producer is reached (every reader came before).
            if tensors.contains(node.outputs[0]) { kept[node.outputs[0]] = gy }
            let needs = node.inputs.map { !$0.isEmpty && requiresGradient.contains($0) }
            let inputs: [GraphTensor?] = node.inputs.map { $0.isEmpty ? nil : tape.values[$0] ?? values[$0] ?? graph.constants[$0] }
            let step = BackwardStep(node: node, inputs: inputs, output: y, outputGradient: gy, needs: needs, opset: graph.opset)
            let gx = try GradientRules.rule(for: node).gradients(step)
            for (k, name) in node.inputs.enumerated() where needs[k] {
                guard k < gx.count, let g = gx[k] else { continue }
                if var existing = gradients.removeValue(forKey: name) {
                    existing.withUnsafeMutableBufferPointer { e in g.withUnsafeBufferPointer { q in for j in e.indices { e[j] += q[j] } } }
                    gradients[name] = existing
                } else {
                    gradients[name] = g
                }
            }
        }
        var result: [String: [Float]] = [:]
        for p in parameters {
            result[p] = gradients[p] ?? [Float](repeating: 0, count: (values[p] ?? graph.constants[p])?.count ?? 0)
        }
        for t in tensors where kept[t] == nil {
            kept[t] = [Float](repeating: 0, count: tape.values[t]?.count ?? 0)
        }
        return (result, kept)
    }
}
