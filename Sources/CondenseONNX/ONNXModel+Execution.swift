import CondenseCore
import CondenseGraph

/// The whole model as a function: its pre-processing, the neural core (or a simplified
/// network in its place) and its post-processing, every node run by the ``GraphExecutor``.
extension ONNXModel {
    /// The executor of the whole graph.
    public var executor: GraphExecutor { GraphExecutor(graph: graph) }

    /// The tensor the core reads (the output of the pre-processing).
    public var coreInputTensor: String { core.inputTensor }

    /// The tensor the rest of the graph reads from the core (after its Softmax, if it has one).
    public var coreOutputTensor: String {
        core.outputTransformNode.map { proto.graph.node[$0].output[0] } ?? core.outputTensor
    }

    /// Whether anything runs before the core (pre-processing).
    public var hasPreprocessing: Bool { graph.primaryInput.name != core.inputTensor }

    /// Indices (in the IR's node order) of the core's nodes, from the core's proto nodes. O(nodes).
    static func coreGraphNodes(of core: NeuralCore, proto: Onnx_ModelProto, graph: ComputeGraph) -> Set<Int> {
        var protoNodes = core.nodes
        if let t = core.outputTransformNode { protoNodes.insert(t) }
        let outputs = Set(protoNodes.flatMap { proto.graph.node[$0].output })
        return Set(graph.nodes.indices.filter { graph.nodes[$0].outputs.contains(where: outputs.contains) })
    }

    /// Replaces the core by `network` (same input and output widths).
    public func substitution(_ network: Network) -> GraphExecutor.Substitution {
        GraphExecutor.Substitution(nodes: coreGraphNodes, input: core.inputTensor, output: coreOutputTensor) {
            (input: GraphTensor) throws(CondenseError) -> GraphTensor in
            guard input.rank == 2 || (input.rank >= 2 && input.shape.dropFirst(2).allSatisfy { $0 == 1 }) else {
                throw .shapeMismatch("the neural core reads a tensor of shape \(input.shape); Condense runs cores on [batch, features]")
            }
            let out = try network.forward(try input.matrix("the core's input"))
            return GraphTensor(out)
        }
    }

    /// Every graph output on a batch of flat samples, with `network` in place of the core (default: the model's own).
    public func run(_ batch: Matrix, network: Network? = nil, targets: [String]? = nil) throws(CondenseError) -> [String: GraphTensor] {
        try executor.run(batch: batch, targets: targets, substitution: substitution(network ?? self.network))
    }

    /// The core's inputs for a batch of model inputs (the pre-processing alone).
    public func coreInputs(_ batch: Matrix) throws(CondenseError) -> Matrix {
        guard hasPreprocessing else { return batch }
        let out = try executor.run(batch: batch, targets: [core.inputTensor])
        let t = out[core.inputTensor]!
        let m = try t.matrix("the core's input")
        guard m.rows == batch.rows, m.columns == network.inputWidth else {
            throw .shapeMismatch("the pre-processing gives the core a tensor of shape \(t.shape); it expects [\(batch.rows), \(network.inputWidth)]")
        }
        return m
    }

    /// The box of the core's inputs for model inputs in the box `[lower, upper]` (per feature):
    /// exact through affine pre-processing, by interval arithmetic elsewhere.
    public func coreBox(lower: [Float], upper: [Float]) throws(CondenseError) -> InputBox {
        guard hasPreprocessing else { return try InputBox(lower: lower, upper: upper) }
        let b = try IntervalPropagation(graph: graph).bounds(of: core.inputTensor, lower: lower, upper: upper)
        return try InputBox(lower: try b.lower.floats("bound"), upper: try b.upper.floats("bound"))
    }

    /// The number of features per sample of the model's input.
    public var inputFeatures: Int { graph.inputFeatures ?? network.inputWidth }
}

extension ONNXModel {
    /// What Condense does with each node of the IR (by index): `unit layer L` (its units are
    /// the network's layer L), `folded into layer L` (bias Add, BatchNormalization, activation,
    /// Transpose of weights, skip branch), `passed through` (Identity, Dropout), `output transform`,
    /// or `executed` (run as it is by the graph executor). Every node has one.
    public var nodeTreatments: [String] {
        var byOutput: [String: String] = [:]
        for (l, binding) in core.layers.enumerated() {
            let layer = l + 1
            for out in proto.graph.node[binding.affineNode].output { byOutput[out] = "unit layer \(layer)" }
            var folded = [binding.biasAddNode, binding.batchNormNode, binding.activationNode].compactMap { $0 }
            folded += binding.skipMatMuls.values
            for i in folded { for out in proto.graph.node[i].output { byOutput[out] = "folded into layer \(layer)" } }
        }
        for i in core.nodes {
            let node = proto.graph.node[i]
            for out in node.output where byOutput[out] == nil {
                byOutput[out] = node.opType == "Transpose" ? "folded (constant weights)"
                    : ["Identity", "Dropout"].contains(node.opType) ? "passed through" : "folded into the core"
            }
        }
        if let t = core.outputTransformNode { for out in proto.graph.node[t].output { byOutput[out] = "output transform" } }
        return graph.nodes.map { node in node.outputs.lazy.compactMap { byOutput[$0] }.first ?? "executed" }
    }
}
