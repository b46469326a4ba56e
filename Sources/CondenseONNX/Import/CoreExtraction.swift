import CondenseCore

/// Finds the neural core of an ONNX graph and reads it into a ``Network``.
///
/// The core starts at the first affine node (`Gemm`, or `MatMul` with a constant
/// weight) and follows the single chain of tensors through optional constant `Add`
/// biases and activations (`Relu`, `LeakyRelu`, `Sigmoid`, `Tanh`, `Identity`) to
/// the last affine layer. Anything else on that chain is an error naming the node;
/// anything before or after it (Flatten, Cast, Softmax, ArgMax, ...) is kept.
/// O(nodes + weights).
struct CoreExtraction {
    let index: GraphIndex
    var core: NeuralCore
    var layers: [Layer]
    var outputTransform: OutputTransform = .none
    /// Skip branches seen but not yet joined: the joining `Add` node -> (source layer, `MatMul` node).
    private var pendingSkips: [Int: (source: Int, matMul: Int)] = [:]

    private static let activationOperators: Set<String> = ["Relu", "LeakyRelu", "Sigmoid", "Tanh", "Identity"]
    private static let supportedList = "Gemm, MatMul(+Add), Relu, LeakyRelu, Sigmoid, Tanh, Identity"

    init(graph: Onnx_GraphProto) throws(CondenseError) {
        let index = GraphIndex(graph)
        self.index = index
        guard let first = graph.node.indices.first(where: {
            AffineOperator(graph.node[$0], index: index) != nil && !index.isConstant(graph.node[$0].input[0])
        }) else {
            let ops = Set(graph.node.map(\.opType)).sorted().joined(separator: ", ")
            throw .invalidModel("no affine layer (Gemm, or MatMul with constant weights) found; the graph has: \(ops)")
        }
        core = NeuralCore(inputTensor: graph.node[first].input[0], layers: [], nodes: [], outputTransformNode: nil)
        layers = []
        try registerSkips(from: core.inputTensor, sourceLayer: 0, main: first, strict: false)
        var next: Int? = first
        while let affine = next {
            try readLayer(at: affine)
            next = try nextAffine(after: core.outputTensor)
        }
        if let (_, skip) = pendingSkips.first {
            throw .invalidModel("the skip connection '\(graph.node[skip.matMul].displayName)' does not join a later layer")
        }
        detectOutputTransform()
    }

    private var graph: Onnx_GraphProto { index.graph }

    private func constant(_ name: String, for node: Onnx_NodeProto) throws(CondenseError) -> Onnx_TensorProto {
        guard let t = index.constants[name] else {
            throw .unsupportedOperator(node: node.displayName, op: node.opType, reason: "input '\(name)' must be a constant")
        }
        return t
    }

    /// Reads the affine node at `i`, its bias `Add` and its activation as one layer.
    private mutating func readLayer(at i: Int) throws(CondenseError) {
        let node = graph.node[i]
        guard let op = AffineOperator(node, index: index) else {
            throw .internalError("node \(node.displayName) is not affine")
        }
        let sourceWidth = layers.isEmpty ? nil : layers[layers.count - 1].width
        let weightTensor = try constant(node.input[1], for: node)
        guard let elementType = TensorElementType(rawValue: weightTensor.dataType), elementType == .float || elementType == .double else {
            throw .unsupportedOperator(node: node.displayName, op: node.opType,
                                       reason: "weights of element type \(weightTensor.dataType); Condense reads float32 and float64")
        }
        guard weightTensor.dims.count == 2 else {
            throw .shapeMismatch("node \(node.displayName): weight '\(weightTensor.name)' has shape \(weightTensor.dims), expected a matrix")
        }
        let values = try weightTensor.floatValues()
        let d0 = Int(weightTensor.dims[0]), d1 = Int(weightTensor.dims[1])
        var weights: Matrix
        var bias: [Float]
        switch op {
        case .gemm:
            guard node.int("transA", default: 0) == 0 else {
                throw .unsupportedOperator(node: node.displayName, op: "Gemm",
                                           reason: "transA=1 on the data input would transpose the batch")
            }
            let alpha = node.float("alpha", default: 1)
            let stored = Matrix(rows: d0, columns: d1, values: values)
            weights = node.int("transB", default: 0) != 0 ? stored : stored.transposed
            if alpha != 1 { weights.values = weights.values.map { $0 * alpha } }
            bias = [Float](repeating: 0, count: weights.rows)
            if node.input.count >= 3, !node.input[2].isEmpty {
                let beta = node.float("beta", default: 1)
                bias = try broadcastBias(node.input[2], width: weights.rows, node: node).map { $0 * beta }
            }
        case .matMul:
            weights = Matrix(rows: d0, columns: d1, values: values).transposed
            bias = [Float](repeating: 0, count: weights.rows)
        }
        if let expected = sourceWidth, weights.columns != expected {
            throw .shapeMismatch(
                "node \(node.displayName) expects \(weights.columns) inputs but the previous layer has \(expected) units")
        }
        var binding = NeuralCore.LayerBinding(
            affineNode: i, affineOperator: op, biasAddNode: nil, activationNode: nil, elementType: elementType,
            preActivationTensor: node.output[0], outputTensor: node.output[0])
        core.nodes.insert(i)

        // An optional constant Add (the bias of MatMul + Add).
        if let (j, add) = soleConsumer(of: binding.outputTensor), add.opType == "Add", add.input.count == 2 {
            let other = add.input[0] == binding.outputTensor ? add.input[1] : add.input[0]
            if index.isConstant(other) {
                let extra = try broadcastBias(other, width: weights.rows, node: add)
                for k in bias.indices { bias[k] += extra[k] }
                binding.biasAddNode = j
                binding.preActivationTensor = add.output[0]
                binding.outputTensor = add.output[0]
                core.nodes.insert(j)
            }
        }
        // Skip connections joining here: Add(pre-activation, MatMul(earlier layer, constant)).
        var skips: [Connection] = []
        while let (j, add) = soleConsumer(of: binding.preActivationTensor), let skip = pendingSkips.removeValue(forKey: j) {
            let matMul = graph.node[skip.matMul]
            let tensor = try constant(matMul.input[1], for: matMul)
            let sourceWidth = layers[skip.source].width
            guard tensor.dims == [Int64(sourceWidth), Int64(weights.rows)] else {
                throw .shapeMismatch("skip connection \(matMul.displayName) has weights \(tensor.dims), expected [\(sourceWidth), \(weights.rows)]")
            }
            let stored = Matrix(rows: sourceWidth, columns: weights.rows, values: try tensor.floatValues())
            skips.append(Connection(source: skip.source, weights: stored.transposed))
            core.nodes.formUnion([j, skip.matMul])
            binding.skipMatMuls[skip.source] = skip.matMul
            binding.preActivationTensor = add.output[0]
            binding.outputTensor = add.output[0]
        }
        // An optional activation.
        var activation = Activation.identity
        if let (j, act) = soleConsumer(of: binding.outputTensor), Self.activationOperators.contains(act.opType),
           act.domain.isEmpty || act.domain == "ai.onnx", !index.graphOutputs.contains(binding.outputTensor) {
            switch act.opType {
            case "Relu": activation = .relu
            case "LeakyRelu": activation = .leakyRelu(alpha: act.float("alpha", default: 0.01))
            case "Sigmoid": activation = .sigmoid
            case "Tanh": activation = .tanh
            default: activation = .identity
            }
            binding.activationNode = j
            binding.outputTensor = act.output[0]
            core.nodes.insert(j)
        }
        if layers.isEmpty { layers.append(.input(width: weights.columns)) }
        let name = node.name.isEmpty ? "layer\(layers.count)" : node.name
        layers.append(Layer(name: name, width: weights.rows, activation: activation, bias: bias,
                            inputs: [Connection(source: layers.count - 1, weights: weights)] + skips))
        core.layers.append(binding)
    }

    /// The only consumer of `tensor`, when there is exactly one.
    private func soleConsumer(of tensor: String) -> (Int, Onnx_NodeProto)? {
        guard let users = index.consumers[tensor], users.count == 1 else { return nil }
        return (users[0], graph.node[users[0]])
    }

    /// The next affine node on the chain after `tensor`, `nil` at the end of the core,
    /// or an error when something unsupported stands between two affine layers.
    /// The first affine consumer in graph order is the main chain; other consumers
    /// must be skip branches (`MatMul` with constant weights joined by an `Add`).
    private mutating func nextAffine(after tensor: String) throws(CondenseError) -> Int? {
        let users = index.consumers[tensor] ?? []
        let main = users.first { AffineOperator(graph.node[$0], index: index) != nil && graph.node[$0].input[0] == tensor }
        guard let main else {
            guard index.affineNodeReachable(from: tensor) != nil else { return nil }
            throw unsupportedBetweenLayers(users, tensor: tensor)
        }
        if index.graphOutputs.contains(tensor) {
            throw .invalidModel("tensor '\(tensor)' inside the neural core is also a graph output; the core must be a chain")
        }
        try registerSkips(from: tensor, sourceLayer: layers.count - 1, main: main, strict: true)
        return main
    }

    /// Records the skip branches reading `tensor`; with `strict`, any other consumer is an error.
    private mutating func registerSkips(from tensor: String, sourceLayer: Int, main: Int, strict: Bool) throws(CondenseError) {
        let users = index.consumers[tensor] ?? []
        for user in users where user != main {
            let node = graph.node[user]
            if node.opType == "MatMul", AffineOperator(node, index: index) != nil, node.input[0] == tensor,
               let (join, add) = soleConsumer(of: node.output[0]), add.opType == "Add", add.input.count == 2,
               add.input.allSatisfy({ !index.isConstant($0) }) {
                pendingSkips[join] = (sourceLayer, user)
            } else if strict {
                throw .invalidModel("tensor '\(tensor)' inside the neural core feeds \(users.count) nodes "
                                    + "(\(node.displayName) is neither the next layer nor a skip connection)")
            }
        }
    }

    private func unsupportedBetweenLayers(_ users: [Int], tensor: String) -> CondenseError {
        if index.graphOutputs.contains(tensor) {
            return .invalidModel("tensor '\(tensor)' inside the neural core is also a graph output; the core must be a chain")
        }
        if users.count != 1 {
            return .invalidModel("tensor '\(tensor)' inside the neural core feeds \(users.count) nodes; the core must be a chain")
        }
        let culprit = graph.node[users[0]]
        let reason: String
        switch culprit.opType {
        case "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Identity":
            reason = "a second activation in a row inside the neural core"
        case "Gemm", "MatMul":
            reason = "the weight input is not a constant or the data is not the first input"
        default:
            reason = "not supported inside the neural core (supported: \(Self.supportedList))"
        }
        return .unsupportedOperator(node: culprit.displayName, op: culprit.opType, reason: reason)
    }

    /// A bias constant of `width` values, or one value broadcast to `width`.
    private func broadcastBias(_ name: String, width: Int, node: Onnx_NodeProto) throws(CondenseError) -> [Float] {
        let t = try constant(name, for: node)
        let values = try t.floatValues()
        if values.count == width { return values }
        if values.count == 1 { return [Float](repeating: values[0], count: width) }
        throw .shapeMismatch("node \(node.displayName): bias '\(name)' has \(values.count) values for \(width) units")
    }

    /// A `Softmax` or `LogSoftmax` right after the core becomes the output transform.
    private mutating func detectOutputTransform() {
        guard let (j, node) = soleConsumer(of: core.outputTensor) else { return }
        switch node.opType {
        case "Softmax": outputTransform = .softmax
        case "LogSoftmax": outputTransform = .logSoftmax
        default: return
        }
        core.outputTransformNode = j
    }
}
