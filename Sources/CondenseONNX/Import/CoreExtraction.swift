import CondenseCore

/// Finds the neural core of an ONNX graph and reads it into a ``Network``.
///
/// The core is a chain of unit layers: an affine node (`Gemm`, or `MatMul` with a
/// constant weight, also through a `Transpose` of a constant), an optional constant `Add`
/// bias, an optional `BatchNormalization` (folded into the weights), skip branches
/// (`MatMul` or `Gemm` of an earlier layer joined by an `Add`) and an optional activation
/// (`Relu`, `LeakyRelu`, `Sigmoid`, `Tanh`), with `Identity` and inference `Dropout`
/// passed through anywhere. The chain ends where anything else begins; every node outside
/// it is run by the ``CondenseGraph/GraphExecutor``. Of all such chains the one with the
/// most hidden units is taken (ties: the first). The rest of the graph may read only the
/// core's input and output, so replacing the core by a simplified network is sound.
/// O(nodes + weights) per candidate start.
struct CoreExtraction {
    let index: GraphIndex
    var core: NeuralCore
    var layers: [Layer]
    var outputTransform: OutputTransform = .none
    /// Skip branches seen but not yet joined: the joining `Add` node -> (source layer, `MatMul`/`Gemm` node).
    private var pendingSkips: [Int: (source: Int, matMul: Int)] = [:]

    private static let activationOperators: Set<String> = ["Relu", "LeakyRelu", "Sigmoid", "Tanh"]
    private static let passThroughOperators: Set<String> = ["Identity", "Dropout"]

    init(graph: Onnx_GraphProto) throws(CondenseError) {
        let index = GraphIndex(graph)
        let starts = graph.node.indices.filter {
            AffineOperator(graph.node[$0], index: index) != nil && !index.isConstant(graph.node[$0].input[0])
        }
        guard !starts.isEmpty else {
            let ops = Set(graph.node.map(\.opType)).sorted().joined(separator: ", ")
            throw .invalidModel("no affine layer (Gemm, or MatMul with constant weights) found; the graph has: \(ops)")
        }
        var best: CoreExtraction?
        var firstError: CondenseError?
        var covered = Set<Int>()
        for start in starts where !covered.contains(start) {
            do throws(CondenseError) {
                let candidate = try CoreExtraction(index: index, start: start)
                covered.formUnion(candidate.core.nodes)
                let hidden = candidate.layers.dropFirst().dropLast().reduce(0) { $0 + $1.width }
                let bestHidden = best.map { $0.layers.dropFirst().dropLast().reduce(0) { $0 + $1.width } } ?? -1
                if hidden > bestHidden { best = candidate }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        guard let best else { throw firstError ?? .invalidModel("no neural core found") }
        self = best
    }

    private init(index: GraphIndex, start first: Int) throws(CondenseError) {
        self.index = index
        core = NeuralCore(inputTensor: index.graph.node[first].input[0], layers: [], nodes: [], outputTransformNode: nil)
        layers = []
        registerSkips(from: core.inputTensor, sourceLayer: 0, main: first)
        var next: Int? = first
        while let affine = next {
            try readLayer(at: affine)
            next = nextAffine(after: core.outputTensor)
        }
        // Skip branches that never joined stay outside: they read only the core's input.
        for (_, skip) in pendingSkips where skip.source != 0 {
            throw .invalidModel("the skip connection '\(graph.node[skip.matMul].displayName)' does not join a later layer")
        }
        detectOutputTransform()
        try checkSealed()
    }

    private var graph: Onnx_GraphProto { index.graph }

    private func constant(_ name: String, for node: Onnx_NodeProto) throws(CondenseError) -> Onnx_TensorProto {
        guard let t = index.constants[name] else {
            throw .unsupportedOperator(node: node.displayName, op: node.opType, reason: "input '\(name)' must be a constant")
        }
        return t
    }

    /// The matrix an affine node multiplies by, as `[units, inputs]`, its bias and element type.
    private func affineWeights(_ node: Onnx_NodeProto, op: AffineOperator) throws(CondenseError) -> (Matrix, [Float], TensorElementType) {
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
        switch op {
        case .gemm:
            guard node.int("transA", default: 0) == 0 else {
                throw .unsupportedOperator(node: node.displayName, op: "Gemm",
                                           reason: "transA=1 on the data input would transpose the batch")
            }
            let alpha = node.float("alpha", default: 1)
            let stored = Matrix(rows: d0, columns: d1, values: values)
            var weights = node.int("transB", default: 0) != 0 ? stored : stored.transposed
            if alpha != 1 { weights.values = weights.values.map { $0 * alpha } }
            var bias = [Float](repeating: 0, count: weights.rows)
            if node.input.count >= 3, !node.input[2].isEmpty {
                let beta = node.float("beta", default: 1)
                bias = try broadcastBias(node.input[2], width: weights.rows, node: node).map { $0 * beta }
            }
            return (weights, bias, elementType)
        case .matMul:
            return (Matrix(rows: d0, columns: d1, values: values).transposed, [Float](repeating: 0, count: d1), elementType)
        }
    }

    /// Follows `Identity` and inference `Dropout` nodes from `tensor`, adding them to the core.
    private mutating func passThrough(_ tensor: String) -> String {
        var current = tensor
        while !index.graphOutputs.contains(current), let (j, node) = soleConsumer(of: current),
              Self.passThroughOperators.contains(node.opType), node.domain.isEmpty || node.domain == "ai.onnx",
              node.input.first == current, node.output.dropFirst().allSatisfy({ $0.isEmpty || index.consumers[$0] == nil }),
              !(node.opType == "Dropout" && node.input.count >= 3 && !node.input[2].isEmpty) {
            core.nodes.insert(j)
            current = node.output[0]
        }
        return current
    }

    /// Reads the affine node at `i`, its bias `Add`, BatchNormalization, skips and activation as one layer.
    private mutating func readLayer(at i: Int) throws(CondenseError) {
        let node = graph.node[i]
        guard let op = AffineOperator(node, index: index) else {
            throw .internalError("node \(node.displayName) is not affine")
        }
        let sourceWidth = layers.isEmpty ? nil : layers[layers.count - 1].width
        var (weights, bias, elementType) = try affineWeights(node, op: op)
        if let expected = sourceWidth, weights.columns != expected {
            throw .shapeMismatch(
                "node \(node.displayName) expects \(weights.columns) inputs but the previous layer has \(expected) units")
        }
        var binding = NeuralCore.LayerBinding(
            affineNode: i, affineOperator: op, biasAddNode: nil, activationNode: nil, elementType: elementType,
            preActivationTensor: node.output[0], outputTensor: node.output[0])
        core.nodes.insert(i)
        if let folded = index.producerIndex(of: node.input[1]), index.foldedTransposes.contains(folded) { core.nodes.insert(folded) }
        binding.outputTensor = passThrough(binding.outputTensor)

        // An optional constant Add (the bias of MatMul + Add).
        if let (j, add) = soleConsumer(of: binding.outputTensor), add.opType == "Add", add.input.count == 2,
           !index.graphOutputs.contains(binding.outputTensor) {
            let other = add.input[0] == binding.outputTensor ? add.input[1] : add.input[0]
            if index.isConstant(other), let extra = try? broadcastBias(other, width: weights.rows, node: add) {
                for k in bias.indices { bias[k] += extra[k] }
                binding.biasAddNode = j
                binding.outputTensor = passThrough(add.output[0])
                core.nodes.insert(j)
            }
        }
        // An optional BatchNormalization, folded: y = a (W x + b) + c.
        if !index.graphOutputs.contains(binding.outputTensor), let (j, bn) = soleConsumer(of: binding.outputTensor),
           bn.opType == "BatchNormalization", bn.input.first == binding.outputTensor, bn.input.count >= 5,
           bn.int("training_mode", default: 0) == 0, bn.output.dropFirst().allSatisfy(\.isEmpty),
           let (a, c) = try? batchNormAffine(bn, width: weights.rows) {
            for r in 0..<weights.rows {
                for k in 0..<weights.columns { weights.values[r * weights.columns + k] *= a[r] }
                bias[r] = a[r] * bias[r] + c[r]
            }
            binding.batchNormNode = j
            binding.outputTensor = passThrough(bn.output[0])
            core.nodes.insert(j)
        }
        binding.preActivationTensor = binding.outputTensor
        // Skip connections joining here: Add(pre-activation, MatMul/Gemm(earlier layer, constant)).
        var skips: [Connection] = []
        while !index.graphOutputs.contains(binding.preActivationTensor),
              let (j, add) = soleConsumer(of: binding.preActivationTensor), let skip = pendingSkips.removeValue(forKey: j) {
            let branch = graph.node[skip.matMul]
            let sourceWidth = layers[skip.source].width
            let (stored, skipBias, _) = try affineWeights(branch, op: AffineOperator(branch, index: index)!)
            guard stored.rows == weights.rows, stored.columns == sourceWidth else {
                throw .shapeMismatch("skip connection \(branch.displayName) maps \(stored.columns) to \(stored.rows) units, "
                                     + "expected \(sourceWidth) to \(weights.rows)")
            }
            for k in bias.indices { bias[k] += skipBias[k] }
            skips.append(Connection(source: skip.source, weights: stored))
            core.nodes.formUnion([j, skip.matMul])
            binding.skipMatMuls[skip.source] = skip.matMul
            binding.preActivationTensor = passThrough(add.output[0])
            binding.outputTensor = binding.preActivationTensor
        }
        // An optional activation.
        var activation = Activation.identity
        if !index.graphOutputs.contains(binding.outputTensor), let (j, act) = soleConsumer(of: binding.outputTensor),
           Self.activationOperators.contains(act.opType), act.domain.isEmpty || act.domain == "ai.onnx" {
            switch act.opType {
            case "Relu": activation = .relu
            case "LeakyRelu": activation = .leakyRelu(alpha: act.float("alpha", default: 0.01))
            case "Sigmoid": activation = .sigmoid
            default: activation = .tanh
            }
            if case .leakyRelu(let alpha) = activation, !alpha.isFinite {
                throw .unsupportedOperator(node: act.displayName, op: act.opType, reason: "alpha is \(alpha); it must be finite")
            }
            binding.activationNode = j
            core.nodes.insert(j)
            binding.outputTensor = passThrough(act.output[0])
        }
        if layers.isEmpty { layers.append(.input(width: weights.columns)) }
        let name = node.name.isEmpty ? "layer\(layers.count)" : node.name
        layers.append(Layer(name: name, width: weights.rows, activation: activation, bias: bias,
                            inputs: [Connection(source: layers.count - 1, weights: weights)] + skips))
        core.layers.append(binding)
    }

    /// BatchNormalization's per-channel scale and shift.
    private func batchNormAffine(_ bn: Onnx_NodeProto, width: Int) throws(CondenseError) -> ([Float], [Float]) {
        var p: [[Float]] = []
        for k in 1...4 {
            let v = try constant(bn.input[k], for: bn).floatValues()
            guard v.count == width else { throw .shapeMismatch("BatchNormalization \(bn.displayName) has \(v.count) values for \(width) units") }
            p.append(v)
        }
        let epsilon = bn.float("epsilon", default: 1e-5)
        var a = [Float](repeating: 0, count: width), c = a
        for r in 0..<width {
            guard p[3][r] + epsilon > 0 else { throw .invalidModel("BatchNormalization \(bn.displayName): variance + epsilon <= 0") }
            a[r] = p[0][r] / (p[3][r] + epsilon).squareRoot()
            c[r] = p[1][r] - p[2][r] * a[r]
        }
        return (a, c)
    }

    /// The only consumer of `tensor`, when there is exactly one.
    private func soleConsumer(of tensor: String) -> (Int, Onnx_NodeProto)? {
        guard let users = index.consumers[tensor], users.count == 1 else { return nil }
        return (users[0], graph.node[users[0]])
    }

    /// The next affine node on the chain after `tensor`, or `nil` where the core ends:
    /// the tensor is a graph output, or is read by anything but one affine node and skip branches.
    private mutating func nextAffine(after tensor: String) -> Int? {
        guard !index.graphOutputs.contains(tensor) else { return nil }
        let users = index.consumers[tensor] ?? []
        guard let main = users.first(where: { AffineOperator(graph.node[$0], index: index) != nil && graph.node[$0].input[0] == tensor }) else {
            return nil
        }
        let others = users.filter { $0 != main }
        guard others.allSatisfy({ skipJoin(of: $0, reading: tensor) != nil }) else { return nil }
        registerSkips(from: tensor, sourceLayer: layers.count - 1, main: main)
        return main
    }

    /// The `Add` a skip branch at node `user` (reading `tensor`) feeds, if it is one.
    private func skipJoin(of user: Int, reading tensor: String) -> Int? {
        let node = graph.node[user]
        guard ["MatMul", "Gemm"].contains(node.opType), AffineOperator(node, index: index) != nil, node.input[0] == tensor,
              node.int("transA", default: 0) == 0,
              let (join, add) = soleConsumer(of: node.output[0]), add.opType == "Add", add.input.count == 2,
              add.input.allSatisfy({ !index.isConstant($0) }) else { return nil }
        return join
    }

    /// Records the skip branches reading `tensor`. A branch that joins the very layer `main`
    /// starts (`Add(MatMul(x, W0), MatMul(x, Ws))`, two parallel products of one input) is no
    /// skip: it stays outside the core and is run by the graph executor.
    private mutating func registerSkips(from tensor: String, sourceLayer: Int, main: Int) {
        for user in index.consumers[tensor] ?? [] where user != main {
            guard let join = skipJoin(of: user, reading: tensor) else { continue }
            if graph.node[join].input.contains(where: { chainReaches($0, node: main, steps: 4) }) { continue }
            pendingSkips[join] = (sourceLayer, user)
        }
    }

    /// Whether `tensor` is computed from the output of node `target` through at most `steps`
    /// nodes along their first inputs (a bias Add, BatchNormalization, Identity, Dropout).
    private func chainReaches(_ tensor: String, node target: Int, steps: Int) -> Bool {
        var current = tensor
        for _ in 0...steps {
            guard let p = index.producerIndex(of: current) else { return false }
            if p == target { return true }
            // Only the nodes that fold into a layer's pre-activation pass the chain on.
            guard ["Add", "BatchNormalization", "Identity", "Dropout"].contains(graph.node[p].opType),
                  let next = graph.node[p].input.first, !next.isEmpty else { return false }
            current = next
        }
        return false
    }

    /// A bias constant of `width` values, or one value broadcast to `width`.
    private func broadcastBias(_ name: String, width: Int, node: Onnx_NodeProto) throws(CondenseError) -> [Float] {
        let t = try constant(name, for: node)
        let values = try t.floatValues()
        if values.count == width { return values }
        if values.count == 1 { return [Float](repeating: values[0], count: width) }
        throw .shapeMismatch("node \(node.displayName): bias '\(name)' has \(values.count) values for \(width) units")
    }

    /// A `Softmax` or `LogSoftmax` over the units right after the core becomes the output transform.
    private mutating func detectOutputTransform() {
        guard !index.graphOutputs.contains(core.outputTensor), let (j, node) = soleConsumer(of: core.outputTensor) else { return }
        let axis = node.int("axis", default: -1)
        guard axis == 1 || axis == -1 else { return }
        switch node.opType {
        case "Softmax": outputTransform = .softmax
        case "LogSoftmax": outputTransform = .logSoftmax
        default: return
        }
        core.outputTransformNode = j
    }

    /// Refuses a core whose inner tensors are read from outside it (then it cannot be replaced).
    private func checkSealed() throws(CondenseError) {
        let inside = core.nodes.union(core.outputTransformNode.map { [$0] } ?? [])
        let exits = Set([core.inputTensor, core.outputTensor] + (core.outputTransformNode.map { graph.node[$0].output } ?? []))
        for i in inside {
            for out in graph.node[i].output where !out.isEmpty && !exits.contains(out) {
                if index.graphOutputs.contains(out) || (index.consumers[out] ?? []).contains(where: { !inside.contains($0) }) {
                    throw .invalidModel("tensor '\(out)' inside the neural core is read outside it")
                }
            }
        }
    }
}
