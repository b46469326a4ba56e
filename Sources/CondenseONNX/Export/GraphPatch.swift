import CondenseCore

/// Rewrites an ONNX graph so that its neural core computes a given network.
///
/// Weights are written into fresh or reused initializers in each node's own
/// orientation (Gemm `transB`, MatMul `[in, out]`), biases into the Gemm `C` or the
/// bias `Add`; skip connections become `MatMul` + `Add` nodes inserted after the
/// receiving layer's affine node. Value infos of core tensors (whose shapes change)
/// are dropped, unreferenced initializers and `Constant` nodes removed. O(parameters + nodes).
struct GraphPatch {
    private(set) var graph: Onnx_GraphProto
    private let core: NeuralCore
    private var initializerIndex: [String: Int] = [:]
    private var useCount: [String: Int] = [:]
    /// Nodes to insert right after the node with the given index.
    private var insertions: [Int: [Onnx_NodeProto]] = [:]
    /// The tensor name each chain of inserted nodes must end with (by producer node).
    private var chainOutput: [Int: String] = [:]
    /// Tensors whose shapes the patch may change.
    private var touchedTensors = Set<String>()

    init(graph: Onnx_GraphProto, core: NeuralCore) {
        self.graph = graph
        self.core = core
        for (i, t) in graph.initializer.enumerated() { initializerIndex[t.name] = i }
        for node in graph.node { for inp in node.input { useCount[inp, default: 0] += 1 } }
    }

    mutating func apply(_ network: Network) throws(CondenseError) -> Onnx_GraphProto {
        guard network.layers.count == core.layers.count + 1 else {
            throw .invalidArgument("the network has \(network.layers.count - 1) layers, the model's core has \(core.layers.count)")
        }
        for (offset, binding) in core.layers.enumerated() {
            try patchLayer(offset + 1, binding: binding, network: network)
        }
        finish()
        return graph
    }

    private mutating func patchLayer(_ l: Int, binding: NeuralCore.LayerBinding, network: Network) throws(CondenseError) {
        let layer = network.layers[l]
        let main = layer.inputs[0].weights
        var affine = graph.node[binding.affineNode]
        let label = layer.name.isEmpty ? "layer\(l)" : layer.name
        touchedTensors.formUnion(affine.output)
        switch binding.affineOperator {
        case .gemm:
            let transB = affine.int("transB", default: 0) != 0
            let stored = transB ? main : main.transposed
            affine.input[1] = setTensor(replacing: affine.input[1], name: "\(label).weight",
                                        dims: [stored.rows, stored.columns], values: stored.values, type: binding.elementType)
            affine.setFloat("alpha", 1)
            affine.setFloat("beta", 1)
            let gemmBias = binding.biasAddNode == nil ? layer.bias : [Float](repeating: 0, count: layer.width)
            let old = affine.input.count >= 3 ? affine.input[2] : ""
            let name = setTensor(replacing: old, name: "\(label).bias", dims: [layer.width], values: gemmBias, type: binding.elementType)
            if affine.input.count >= 3 { affine.input[2] = name } else { affine.input.append(name) }
        case .matMul:
            let stored = main.transposed
            affine.input[1] = setTensor(replacing: affine.input[1], name: "\(label).weight",
                                        dims: [stored.rows, stored.columns], values: stored.values, type: binding.elementType)
        }
        graph.node[binding.affineNode] = affine
        if let bn = binding.batchNormNode {
            // Folded into the weights above: the node becomes an Identity.
            var identity = Onnx_NodeProto()
            identity.opType = "Identity"
            identity.name = graph.node[bn].name
            identity.input = [graph.node[bn].input[0]]
            identity.output = [graph.node[bn].output[0]]
            graph.node[bn] = identity
        }

        var preActivationProducer = binding.biasAddNode ?? binding.affineNode
        if let addIndex = binding.biasAddNode {
            var add = graph.node[addIndex]
            let slot = add.input[0] == affine.output[0] ? 1 : 0
            add.input[slot] = setTensor(replacing: add.input[slot], name: "\(label).bias", dims: [layer.width],
                                        values: layer.bias, type: binding.elementType)
            touchedTensors.formUnion(add.output)
            graph.node[addIndex] = add
        } else if binding.affineOperator == .matMul, layer.bias.contains(where: { $0 != 0 }) {
            let biasName = setTensor(replacing: "", name: "\(label).bias", dims: [layer.width], values: layer.bias, type: binding.elementType)
            appendAfter(preActivationProducer, op: "Add", inputs: [biasName], label: "\(label)/bias_add")
            preActivationProducer = binding.affineNode
        }
        var skips = Dictionary(uniqueKeysWithValues: layer.inputs.dropFirst().map { ($0.source, $0.weights) })
        // Existing skip branches keep their nodes; one the network no longer has gets zero weights.
        for (source, node) in binding.skipMatMuls.sorted(by: { $0.key < $1.key }) {
            let weights = skips.removeValue(forKey: source)
                ?? Matrix(rows: layer.width, columns: network.layers[source].width)
            var branch = graph.node[node]
            let stored = branch.opType == "Gemm" && branch.int("transB", default: 0) != 0 ? weights : weights.transposed
            branch.input[1] = setTensor(replacing: branch.input[1], name: "\(label).skip\(source).weight",
                                        dims: [stored.rows, stored.columns], values: stored.values, type: binding.elementType)
            if branch.opType == "Gemm" {
                // The branch's bias was read into the layer's bias, written with the main node.
                branch.setFloat("alpha", 1)
                if branch.input.count >= 3 { branch.input.removeSubrange(2...) }
            }
            graph.node[node] = branch
            touchedTensors.formUnion(graph.node[node].output)
        }
        for (source, weights) in skips.sorted(by: { $0.key < $1.key }) {
            let tensor = source == 0 ? core.inputTensor : core.layers[source - 1].outputTensor
            let stored = weights.transposed
            let weightName = setTensor(replacing: "", name: "\(label).skip\(source).weight",
                                       dims: [stored.rows, stored.columns], values: stored.values, type: binding.elementType)
            var matMul = Onnx_NodeProto()
            matMul.opType = "MatMul"
            matMul.name = "\(label)/skip\(source)/matmul"
            matMul.input = [tensor, weightName]
            matMul.output = ["\(label)/skip\(source)/product"]
            insertions[preActivationProducer, default: []].append(matMul)
            appendAfter(preActivationProducer, op: "Add", inputs: [matMul.output[0]], label: "\(label)/skip\(source)/add")
        }
    }

    /// Adds `op(P, inputs...) -> P` after the node producing the pre-activation `P`:
    /// the current producer of `P` is renamed and the new node takes over the name,
    /// so every consumer of `P` still reads the full pre-activation.
    private mutating func appendAfter(_ producer: Int, op: String, inputs: [String], label: String) {
        let final = chainOutput[producer] ?? graph.node[producer].output[0]
        chainOutput[producer] = final
        let renamed = "\(label)/input"
        if let k = insertions[producer]?.lastIndex(where: { $0.output.first == final }) {
            insertions[producer]![k].output[0] = renamed
        } else {
            graph.node[producer].output[0] = renamed
        }
        var node = Onnx_NodeProto()
        node.opType = op
        node.name = label
        node.input = [renamed] + inputs
        node.output = [final]
        insertions[producer, default: []].append(node)
    }

    /// Writes a constant: reuses the initializer `old` when this node alone uses it, else adds `name`.
    private mutating func setTensor(replacing old: String, name: String, dims: [Int], values: [Float],
                                    type: TensorElementType) -> String {
        if !old.isEmpty, let i = initializerIndex[old], useCount[old] == 1 {
            graph.initializer[i] = .make(name: old, dims: dims, values: values, elementType: type)
            touchedTensors.insert(old)
            return old
        }
        var unique = name
        var k = 1
        while initializerIndex[unique] != nil || useCount[unique] != nil { unique = "\(name)_\(k)"; k += 1 }
        graph.initializer.append(.make(name: unique, dims: dims, values: values, elementType: type))
        initializerIndex[unique] = graph.initializer.count - 1
        useCount[unique] = 1
        return unique
    }

    /// Inserts the new nodes, drops stale value infos and unreferenced constants.
    private mutating func finish() {
        var nodes: [Onnx_NodeProto] = []
        for (i, node) in graph.node.enumerated() {
            nodes.append(node)
            nodes.append(contentsOf: insertions[i] ?? [])
        }
        for node in nodes { touchedTensors.formUnion(node.output) }
        var used = Set(graph.output.map(\.name))
        for node in nodes { used.formUnion(node.input) }
        // Nodes whose outputs nobody reads any more (old weights, their Transposes) go, repeatedly.
        var removed = true
        while removed {
            let before = nodes.count
            nodes.removeAll { $0.output.allSatisfy { !used.contains($0) } && ($0.opType == "Constant" || $0.opType == "Transpose") }
            removed = nodes.count < before
            used = Set(graph.output.map(\.name))
            for node in nodes { used.formUnion(node.input) }
        }
        graph.node = nodes
        graph.initializer.removeAll { !used.contains($0.name) }
        let initializers = Set(graph.initializer.map(\.name))
        // Initializers listed as graph inputs (IR < 4) would pin old shapes: unlist them.
        graph.input.removeAll { initializers.contains($0.name) }
        let coreTensors = touchedTensors.subtracting(graph.output.map(\.name))
        graph.valueInfo.removeAll { coreTensors.contains($0.name) }
    }
}
