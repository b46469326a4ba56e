import CondenseCore
import CondenseGraph

/// What the unit rules share in one round: the graph and its units, the reduction being
/// built, which tensor channels are constant on the domain, and one run at a domain point.
struct UnitCollapseContext {
    let graph: ComputeGraph
    let units: UnitGraph
    /// Layers the rules may act on.
    let layerKinds: Set<UnitLayer.Kind>
    var reduction: UnitReduction
    var fates: [(layer: Int, unit: Int, rule: UnitFate.Rule, into: Int?, factor: Float?)] = []
    /// Per tensor between unit layers, whether each channel is constant on the domain.
    private(set) var constantChannels: [String: [Bool]] = [:]
    /// Every tensor at one point of the domain.
    private let sample: [String: GraphTensor]
    private var affineCache: [Int: AffineView] = [:]

    /// O(one interval pass + one forward pass + tensors between unit layers).
    init(graph: ComputeGraph, units: UnitGraph, lower: [Float]?, upper: [Float]?, features: Int,
         layerKinds: Set<UnitLayer.Kind>) throws(CondenseError) {
        self.graph = graph
        self.units = units
        self.layerKinds = layerKinds
        reduction = UnitReduction(units: units)
        let point: [Float] = if let lower, let upper { zip(lower, upper).map { ($0 + $1) / 2 } } else { [Float](repeating: 0, count: features) }
        let executor = GraphExecutor(graph: graph)
        let all = Array(Set(graph.nodes.flatMap { $0.outputs.filter { !$0.isEmpty } }))
        var sample = try executor.run([graph.primaryInput.name: executor.inputTensor(Matrix(rows: 1, columns: features, values: point))],
                                      targets: all)
        sample[graph.primaryInput.name] = try executor.inputTensor(Matrix(rows: 1, columns: features, values: point))
        self.sample = sample
        try findConstantChannels(lower: lower, upper: upper)
    }

    /// `(layer, unit)` pairs the rules may remove: kept units of unpinned layers of the
    /// chosen kinds, one representative (the first layer) per coupling group.
    func candidates() -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for l in 1..<units.layers.count {
            let layer = units.layers[l]
            let group = units.coupledLayers(l)
            guard layer.pinned == nil, layerKinds.contains(layer.kind), group.first == l,
                  group.contains(where: { !units.layers[$0].consumers.isEmpty }) else { continue }
            for k in 0..<layer.width where reduction.kept[l][k] { result.append((l, k)) }
        }
        return result
    }

    /// Whether unit `unit` of `layer` may still go: kept, not the last of its layer, and no merge target.
    func canRemove(_ unit: Int, ofLayer layer: Int) -> Bool {
        reduction.kept[layer][unit] && reduction.kept[layer].lazy.filter { $0 }.count > 1
            && !reduction.merges.contains { $0.layer == layer && $0.into == unit }
    }

    mutating func remove(_ unit: Int, ofLayer layer: Int, rule: UnitFate.Rule, into: Int? = nil, factor: Float? = nil) {
        reduction.remove(unit, ofLayer: layer, in: units)
        fates.append((layer, unit, rule, into, factor))
    }

    mutating func affine(_ layer: Int) throws(CondenseError) -> AffineView {
        if let a = affineCache[layer] { return a }
        let a = try graph.affineView(of: layer, units: units)
        affineCache[layer] = a
        return a
    }

    /// The value channel `channel` of `tensor` holds at every position, when it is constant on the domain.
    func constantValue(channel: Int, of tensor: String) -> Float? {
        guard let constant = constantChannels[tensor], channel < constant.count, constant[channel],
              let t = sample[tensor], let v = try? t.floats("sample") else { return nil }
        let channels = t.shape.count >= 2 ? t.shape[1] : 1
        guard channels == constant.count else { return nil }
        let positions = t.count / max(channels, 1)
        if t.shape.count == 2, let sources = units.tensorSources[tensor],
           let o = sources.first(where: { $0.offset <= channel && channel < $0.offset + $0.channels }), o.positions > 1 {
            // A flattened map: the channel's features are `channel·s ..< (channel+1)·s`.
            let slice = v[(channel * o.positions)..<((channel + 1) * o.positions)]
            return slice.allSatisfy { $0 == slice.first! } ? slice.first : nil
        }
        let slice = v[(channel * positions)..<((channel + 1) * positions)]
        return slice.allSatisfy { $0 == slice.first! } ? slice.first : nil
    }

    /// Whether a non-zero constant may be folded into a consumer's bias: a dense node with a
    /// bias slot, or a convolution without padding.
    func acceptsConstant(_ consumer: Int) -> Bool {
        guard let n = units.layers[consumer].node else { return false }
        let node = graph.nodes[n]
        switch node.opType {
        case "Conv":
            let pads = ((try? node.ints("pads")) ?? nil) ?? []
            let auto = (try? node.string("auto_pad", "NOTSET")) ?? "NOTSET"
            return pads.allSatisfy { $0 == 0 } && (auto == "NOTSET" || auto == "VALID")
        case "MatMul":
            return graph.matMulBiasAdd(of: units.layers[consumer]) != nil
        default:
            return true
        }
    }

    /// Marks constant channels: zero-kernel units and ReLU units dead on the domain, then
    /// through the nodes between unit layers in topological order. O(tensors · channels).
    private mutating func findConstantChannels(lower: [Float]?, upper: [Float]?) throws(CondenseError) {
        // Bounds of every ReLU input between layers and of every ReLU unit's pre-activation.
        var reluInputs = Set<String>()
        for l in 1..<units.layers.count where units.layers[l].activation == .relu {
            reluInputs.insert(units.layers[l].preActivationTensor)
        }
        for node in graph.nodes where node.isONNX("Relu") && units.tensorSources[node.inputs[0]] != nil {
            reluInputs.insert(node.inputs[0])
        }
        var upperBounds: [String: [Float]] = [:]
        if let lower, let upper, !reluInputs.isEmpty {
            let b = try IntervalPropagation(graph: graph).bounds(of: Array(reluInputs), lower: lower, upper: upper)
            for (t, bounds) in b { upperBounds[t] = try bounds.upper.floats("bound") }
        }
        func deadChannels(_ tensor: String) -> [Bool]? {
            guard let u = upperBounds[tensor], let t = sample[tensor] else { return nil }
            let channels = t.shape.count >= 2 ? t.shape[1] : 1
            let positions = u.count / max(channels, 1)
            return (0..<channels).map { c in u[(c * positions)..<((c + 1) * positions)].allSatisfy { $0 <= 0 } }
        }
        var layerOfOutput: [String: Int] = [:]
        for l in 1..<units.layers.count {
            let layer = units.layers[l]
            layerOfOutput[layer.outputTensor] = l
            let a = try affine(l)
            let dead = layer.activation == .relu ? deadChannels(layer.preActivationTensor) : nil
            constantChannels[layer.outputTensor] = (0..<layer.width).map { k in
                !a.weights[(k * a.columns)..<((k + 1) * a.columns)].contains { $0 != 0 } || (dead?[k] ?? false)
            }
        }
        for node in graph.nodes {
            let data = node.inputs.filter { !$0.isEmpty && constantChannels[$0] != nil }
            guard let first = data.first, let out = node.outputs.first, layerOfOutput[out] == nil,
                  units.tensorSources[out] != nil, let channels = units.tensorChannels[out] else { continue }
            var result = [Bool](repeating: false, count: channels)
            switch node.opType {
            case "Concat":
                var offset = 0
                for input in node.inputs where !input.isEmpty {
                    let c = units.tensorChannels[input] ?? 0
                    if let s = constantChannels[input] { for i in 0..<min(c, s.count) where offset + i < channels { result[offset + i] = s[i] } }
                    offset += c
                }
            case "Add":
                guard data.count == node.inputs.count else { continue }
                let a = constantChannels[node.inputs[0]]!, b = constantChannels[node.inputs[1]]!
                guard a.count == channels, b.count == channels else { continue }
                result = zip(a, b).map { $0 && $1 }
            case "Relu":
                let s = constantChannels[first]!
                let dead = deadChannels(first)
                guard s.count == channels else { continue }
                result = s.indices.map { s[$0] || (dead?[$0] ?? false) }
            case "Identity", "Dropout", "LeakyRelu", "Sigmoid", "Tanh", "MaxPool", "AveragePool", "GlobalAveragePool",
                 "Flatten", "Reshape", "ReduceMean", "Cast":
                let s = constantChannels[first]!
                guard s.count == channels else { continue }
                result = s
            default:
                continue
            }
            constantChannels[out] = result
        }
    }
}
