import CondenseCore

extension UnitGraph {
    /// Derives the units of `graph`, whose primary input takes `features` values per sample.
    /// Refuses a graph with no unit layer. O(nodes + parameters) after one dry run.
    public init(graph: ComputeGraph, features: Int) throws(CondenseError) {
        var builder = try Derivation(graph: graph, features: features)
        try builder.run()
        let groups = builder.couplingGroups()
        builder.findConsumersAndPins(groups: groups)
        layers = builder.layers
        couplingGroups = groups
        sources = builder.sources
        targets = builder.targets
        weights = builder.weights
        tensorSources = builder.origins
        tensorChannels = builder.origins.keys.reduce(into: [:]) { $0[$1] = builder.channelsAndPositions($1).0 }
    }
}

private typealias Origin = UnitSource

/// The walk over the graph that finds unit layers, their folded nodes, origins and edges.
private struct Derivation {
    let graph: ComputeGraph
    /// Every tensor's value on one all-zero sample (shapes; constant subgraphs).
    let values: [String: GraphTensor]
    var layers: [UnitLayer] = []
    var origins: [String: [Origin]] = [:]
    var sources: [Int32] = []
    var targets: [Int32] = []
    var weights: [Float] = []
    var folded = Set<Int>()
    /// Union-find over layers for coupling, with the joining nodes.
    var parent: [Int] = []
    var joins: [Int: [String]] = [:]
    /// Layers tied to the input layer by an `Add` (never removable).
    var coupledToInput = Set<Int>()

    static let activations: Set<String> = ["Relu", "LeakyRelu", "Sigmoid", "Tanh"]
    static let passThrough: Set<String> = ["Identity", "Dropout"]
    /// Operators that keep channel identity (element-wise, pooling, casts).
    static let channelPreserving: Set<String> = ["Relu", "LeakyRelu", "Sigmoid", "Tanh", "Identity", "Dropout", "Cast",
                                                 "MaxPool", "AveragePool", "GlobalAveragePool", "ReduceMean"]

    init(graph: ComputeGraph, features: Int) throws(CondenseError) {
        self.graph = graph
        let zeros = Matrix(rows: 1, columns: features, values: [Float](repeating: 0, count: features))
        let all = graph.nodes.flatMap { $0.outputs.filter { !$0.isEmpty } } + [graph.primaryInput.name]
        var values = try GraphExecutor(graph: graph).run(batch: zeros, targets: Array(Set(all).subtracting(graph.constants.keys)))
        values[graph.primaryInput.name] = try GraphExecutor(graph: graph).inputTensor(zeros)
        self.values = values
    }

    func shape(_ tensor: String) -> [Int] { values[tensor]?.shape ?? graph.constants[tensor]?.shape ?? [] }

    /// Channels and positions per channel of a tensor `[N, C, ...]` or `[N, F]`.
    func channelsAndPositions(_ tensor: String) -> (Int, Int) {
        let s = shape(tensor)
        guard s.count >= 2 else { return (s.first ?? 1, 1) }
        return (s[1], s.dropFirst(2).reduce(1, *))
    }

    /// The only consumer of `tensor`, when there is exactly one and it is not a graph output.
    func soleConsumer(_ tensor: String) -> Int? {
        guard !graph.outputs.contains(where: { $0.name == tensor }), let users = graph.consumers[tensor], users.count == 1 else { return nil }
        return users[0]
    }

    /// The constant weights of a unit node, as `[units, inputs-per-unit...]` values with the node's kind.
    func unitWeights(_ i: Int) -> (kind: UnitLayer.Kind, units: Int, perUnit: Int, kernel: [Int], values: [Float], transposed: Bool)? {
        let node = graph.nodes[i]
        guard node.domain.isEmpty, let w = node.input(1).flatMap({ values[$0] ?? graph.constants[$0] }),
              isConstant(node.input(1)!), let v = try? w.floats("weights") else { return nil }
        switch node.opType {
        case "Conv":
            guard w.rank == 4 else { return nil }
            return (.channels, w.shape[0], w.shape[1] * w.shape[2] * w.shape[3], [w.shape[2], w.shape[3]], v, false)
        case "Gemm":
            guard w.rank == 2, (try? node.int("transA", 0)) == 0 else { return nil }
            let transB = (try? node.int("transB", 0)) == 1
            return (.neurons, transB ? w.shape[0] : w.shape[1], transB ? w.shape[1] : w.shape[0], [], v, !transB)
        case "MatMul":
            guard w.rank == 2, shape(node.inputs[0]).count == 2 else { return nil }
            return (.neurons, w.shape[1], w.shape[0], [], v, true)
        default:
            return nil
        }
    }

    /// Whether a tensor is a constant, or computed from constants only (a folded `Transpose`).
    func isConstant(_ name: String) -> Bool {
        if graph.constants[name] != nil { return true }
        guard let p = graph.producer[name] else { return false }
        return graph.nodes[p].inputs.allSatisfy { $0.isEmpty || isConstant($0) }
    }

    mutating func run() throws(CondenseError) {
        // The input layer: features, or channels when a convolution reads the input.
        let (channels, positions) = channelsAndPositions(graph.primaryInput.name)
        layers.append(UnitLayer(name: "input", kind: .input, node: nil, width: channels, bias: [], activation: .identity,
                                foldedNodes: [], outputTensor: graph.primaryInput.name, kernel: [], positions: positions,
                                sourceLayers: [], inputTensor: "", inputSources: [], preActivationTensor: graph.primaryInput.name,
                                scale: [], pinned: "the model's input", consumers: [], homogeneousPath: true, pathReshapes: []))
        parent = [0]
        origins[graph.primaryInput.name] = [Origin(layer: 0, channels: channels, offset: 0, positions: positions)]
        for (i, node) in graph.nodes.enumerated() where !folded.contains(i) {
            if let unit = unitWeights(i), let input = node.input(0), !isConstant(input) {
                try addLayer(node: i, unit, input: input)
            } else {
                propagate(node)
            }
        }
        guard layers.count > 1 else { throw .invalidModel("the graph has no unit layer (Gemm, MatMul or Conv with constant weights)") }
    }

    /// Carries origins through a node that is not a unit layer.
    mutating func propagate(_ node: GraphNode) {
        let data = node.inputs.filter { !$0.isEmpty && !isConstant($0) }
        guard let first = data.first, let from = origins[first], let out = node.outputs.first else { return }
        let op = node.domain.isEmpty ? node.opType : ""
        switch op {
        case _ where Self.channelPreserving.contains(op):
            let (_, positions) = channelsAndPositions(out)
            origins[out] = from.map { var o = $0; o.positions = positions; return o }
        case "Flatten", "Reshape", "Squeeze", "Unsqueeze":
            // Channel-major flattening keeps each channel's positions together.
            origins[out] = from
        case "Add", "Sub", "Mul", "Div":
            if data.count == 2, let other = origins[data[1]] {
                guard op == "Add" else { return }  // a product of two unit tensors ends the unit view
                origins[out] = from + other
                for a in from { for b in other where a.offset == b.offset && a.channels == b.channels { couple(a.layer, b.layer, node) } }
            } else {
                origins[out] = from  // a constant shift or scale per channel
            }
        case "Concat":
            guard let axis = try? node.int("axis", 0), axis == 1 || axis == -1 && shape(out).count == 2 else { return }
            var offset = 0
            var all: [Origin] = []
            for input in node.inputs where !input.isEmpty {
                let (c, _) = channelsAndPositions(input)
                for o in origins[input] ?? [] { var shifted = o; shifted.offset += offset; all.append(shifted) }
                offset += c
            }
            origins[out] = all
        default:
            break
        }
    }

    mutating func couple(_ a: Int, _ b: Int, _ node: GraphNode) {
        guard a > 0, b > 0 else {  // the input layer is not prunable, nor what is tied to it
            coupledToInput.insert(max(a, b))
            return
        }
        let ra = find(a), rb = find(b)
        if ra != rb { parent[ra] = rb }
        joins[a, default: []].append(node.displayName)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
        return x
    }

    /// Reads a unit layer: folds its bias, BatchNormalization, pass-through nodes and activation, adds its edges.
    mutating func addLayer(node i: Int, _ unit: (kind: UnitLayer.Kind, units: Int, perUnit: Int, kernel: [Int], values: [Float], transposed: Bool),
                           input: String) throws(CondenseError) {
        let node = graph.nodes[i]
        var bias = [Float](repeating: 0, count: unit.units)
        if let b = node.input(2), let v = try? (values[b] ?? graph.constants[b])?.floats("bias") {
            let beta = node.isONNX("Gemm") ? ((try? node.float("beta", 1)) ?? 1) : 1
            for k in 0..<unit.units { bias[k] = beta * (v.count == 1 ? v[0] : v.count == unit.units ? v[k] : 0) }
        }
        var scale = [Float](repeating: node.isONNX("Gemm") ? ((try? node.float("alpha", 1)) ?? 1) : 1, count: unit.units)
        var activation = Activation.identity
        var foldedNodes: [Int] = []
        var tensor = node.outputs[0]
        var preActivation = tensor
        var sawActivation = false
        while let j = soleConsumer(tensor), !sawActivation {
            let next = graph.nodes[j]
            guard next.domain.isEmpty, let nextOut = next.outputs.first else { break }
            if Self.passThrough.contains(next.opType) {
                // pass through
            } else if next.opType == "Add", next.inputs.count == 2, let other = next.inputs.first(where: { $0 != tensor }),
                      isConstant(other), let v = try? (values[other] ?? graph.constants[other])?.floats("bias"),
                      v.count == 1 || v.count == unit.units {
                for k in 0..<unit.units { bias[k] += v.count == 1 ? v[0] : v[k] }
            } else if next.opType == "BatchNormalization", next.inputs.first == tensor,
                      let (a, c) = try? OperatorKernels.batchNormalizationAffine(
                        next, next.inputs.map { $0.isEmpty ? nil : (values[$0] ?? graph.constants[$0]) }, channels: unit.units) {
                for k in 0..<unit.units { bias[k] = a[k] * bias[k] + c[k]; scale[k] *= a[k] }
            } else if Self.activations.contains(next.opType) {
                switch next.opType {
                case "Relu": activation = .relu
                case "LeakyRelu": activation = .leakyRelu(alpha: (try? next.float("alpha", 0.01)) ?? 0.01)
                case "Sigmoid": activation = .sigmoid
                default: activation = .tanh
                }
                sawActivation = true
                preActivation = tensor
            } else {
                break
            }
            foldedNodes.append(j)
            folded.insert(j)
            tensor = nextOut
            if !sawActivation { preActivation = tensor }
        }
        let layerIndex = layers.count
        let sourceOrigins = origins[input] ?? []
        let (_, positions) = channelsAndPositions(tensor)
        layers.append(UnitLayer(name: node.displayName, kind: unit.kind, node: i, width: unit.units, bias: bias,
                                activation: activation, foldedNodes: foldedNodes, outputTensor: tensor, kernel: unit.kernel,
                                positions: unit.kind == .neurons ? 1 : positions,
                                sourceLayers: Array(Set(sourceOrigins.map(\.layer))).sorted(), inputTensor: input,
                                inputSources: sourceOrigins, preActivationTensor: preActivation, scale: scale, pinned: nil,
                                consumers: [], homogeneousPath: true, pathReshapes: []))
        parent.append(layerIndex)
        origins[tensor] = [Origin(layer: layerIndex, channels: unit.units, offset: 0, positions: positions)]
        addEdges(to: layerIndex, unit, scale: scale, from: sourceOrigins, group: unit.kind == .channels ? groups(of: node) : 1)
    }

    func groups(of node: GraphNode) -> Int { Int((try? node.int("group", 1)) ?? 1) }

    /// One edge per (source unit, unit) pair that a weight connects: the weight itself between
    /// neurons, else the L2 norm of the kernel or of the slice over a channel's positions.
    mutating func addEdges(to layer: Int, _ unit: (kind: UnitLayer.Kind, units: Int, perUnit: Int, kernel: [Int], values: [Float], transposed: Bool),
                           scale: [Float], from sourceOrigins: [Origin], group: Int) {
        let offsets = layerOffsetsSoFar()
        let kernelSize = unit.kernel.reduce(1, *)
        let inputsPerGroup = unit.kind == .channels ? unit.perUnit / max(kernelSize, 1) : unit.perUnit
        let unitsPerGroup = unit.units / max(group, 1)
        for o in sourceOrigins {
            for c in 0..<o.channels {
                let channel = o.offset + c
                for k in 0..<unit.units {
                    var sum: Float = 0
                    var single: Float = 0
                    switch unit.kind {
                    case .channels:
                        let g = k / max(unitsPerGroup, 1)
                        let local = channel - g * inputsPerGroup
                        guard local >= 0, local < inputsPerGroup else { continue }
                        let base = (k * inputsPerGroup + local) * kernelSize
                        for t in 0..<kernelSize { let w = unit.values[base + t]; sum += w * w; single = w }
                        if kernelSize == 1 { sum = single * single }
                    default:
                        // Feature f of the input is channel f / positions (channel-major flattening).
                        let first = channel * o.positions, count = o.positions
                        guard first + count <= unit.perUnit else { continue }
                        for f in first..<(first + count) {
                            let w = unit.transposed ? unit.values[f * unit.units + k] : unit.values[k * unit.perUnit + f]
                            sum += w * w
                            single = w
                        }
                    }
                    let weight = (o.positions == 1 && (unit.kind == .neurons || kernelSize == 1) ? single : sum.squareRoot()) * scale[k]
                    guard weight != 0, weight.isFinite else { continue }
                    sources.append(Int32(offsets[o.layer] + c))
                    targets.append(Int32(offsets[layer] + k))
                    weights.append(weight)
                }
            }
        }
    }

    func layerOffsetsSoFar() -> [Int] {
        var offsets = [0]
        for l in layers { offsets.append(offsets[offsets.count - 1] + l.width) }
        return offsets
    }

    mutating func couplingGroups() -> [CouplingGroup] {
        var byRoot: [Int: [Int]] = [:]
        for l in 1..<layers.count { byRoot[find(l), default: []].append(l) }
        return byRoot.values.filter { $0.count > 1 }.map { members in
            CouplingGroup(layers: members.sorted(), width: layers[members[0]].width,
                          joins: Array(Set(members.flatMap { joins[$0] ?? [] })).sorted())
        }.sorted { $0.layers[0] < $1.layers[0] }
    }

    /// Operators a removable layer's units may pass on the way to their consumers, and
    /// whether each is positively homogeneous.
    static let pathOperators: [String: Bool] = [
        "Relu": true, "LeakyRelu": true, "Identity": true, "Dropout": true, "MaxPool": true, "AveragePool": true,
        "GlobalAveragePool": true, "Flatten": true, "Reshape": true, "Concat": true, "Add": true,
        "Sigmoid": false, "Tanh": false,
    ]

    /// Walks from every layer's output to the unit layers that read it, recording consumers,
    /// the `Reshape`s in between and whether the path is positively homogeneous; pins a layer
    /// whose units reach a graph output or a node that mixes or shifts channels, whose
    /// consumers are grouped convolutions, that is itself grouped, or that is coupled to the
    /// input or to a pinned layer. O(layers · path nodes).
    mutating func findConsumersAndPins(groups coupling: [CouplingGroup]) {
        var unitNodeLayer: [Int: Int] = [:]
        for (l, layer) in layers.enumerated() { if let n = layer.node { unitNodeLayer[n] = l } }
        let outputs = Set(graph.outputs.map(\.name))
        for l in 1..<layers.count {
            var pin: String? = coupledToInput.contains(l) ? "an Add ties it to the model's input" : nil
            if let n = layers[l].node, groups(of: graph.nodes[n]) > 1 { pin = pin ?? "it is a grouped convolution" }
            var consumers = Set<Int>()
            var homogeneous = true
            var reshapes: [Int] = []
            var stack = [layers[l].outputTensor]
            var seen = Set<String>()
            while let t = stack.popLast() {
                guard seen.insert(t).inserted else { continue }
                if outputs.contains(t) { pin = pin ?? "its units reach the graph output '\(t.replacingControlCharacters)'" }
                for j in graph.consumers[t] ?? [] {
                    let node = graph.nodes[j]
                    if let m = unitNodeLayer[j], layers[m].inputTensor == t {
                        consumers.insert(m)
                        if groups(of: node) > 1 { pin = pin ?? "the grouped convolution '\(node.displayName)' reads it" }
                        continue
                    }
                    let op = node.domain.isEmpty ? node.opType : "\(node.domain).\(node.opType)"
                    guard let positive = Self.pathOperators[op], pathNodeKeepsChannels(node, from: t) else {
                        pin = pin ?? "node '\(node.displayName)' (\(node.opType)) reads its units"
                        continue
                    }
                    homogeneous = homogeneous && positive
                    if op == "Reshape" { reshapes.append(j) }
                    stack.append(contentsOf: node.outputs.filter { !$0.isEmpty })
                }
            }
            layers[l].pinned = pin
            layers[l].consumers = consumers.sorted()
            layers[l].homogeneousPath = homogeneous
            layers[l].pathReshapes = reshapes
        }
        // A pin holds for the whole coupling group.
        for group in coupling {
            let current = layers
            guard let reason = group.layers.lazy.compactMap({ current[$0].pinned }).first else { continue }
            for m in group.layers where layers[m].pinned == nil { layers[m].pinned = "it is coupled to a pinned layer (\(reason))" }
        }
    }

    /// Whether a path node keeps channels apart as the unit view assumes: `Add` of two
    /// unit tensors (not a constant shift), `Concat` along channels, `Flatten` at axis 1,
    /// `Reshape` to `[N, features]` by a constant shape.
    func pathNodeKeepsChannels(_ node: GraphNode, from tensor: String) -> Bool {
        switch node.opType {
        case "Add":
            return node.inputs.count == 2 && node.inputs.allSatisfy { origins[$0] != nil && !isConstant($0) }
        case "Concat":
            guard let axis = try? node.int("axis", 0), let out = node.outputs.first else { return false }
            return axis == 1 || (axis == -1 && shape(out).count == 2)
        case "Flatten":
            return ((try? node.int("axis", 1)) ?? 1) == 1
        case "Reshape":
            guard let s = node.input(1), graph.constants[s] != nil, let out = node.outputs.first else { return false }
            return shape(out).count == 2 && shape(out).first == 1
        default:
            return origins[tensor] != nil
        }
    }
}
