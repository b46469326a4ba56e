import CondenseCore

extension ComputeGraph {
    /// The graph with `reduction` applied to its units: each changed layer's weights, bias
    /// and folded per-unit parameters (BatchNormalization, bias `Add`) sliced to the kept
    /// units, each consumer's weights sliced to its kept inputs after merges, folded
    /// constants and refits, and every `Reshape` on the way given the new feature count.
    /// New values get fresh constant names (shared or transposed weights are never written
    /// in place); the nodes and their order stay. Refuses a reduction that removes units of
    /// a pinned layer, splits a coupling group, or folds a constant where no bias can take
    /// it. O(parameters of the changed layers).
    public func applying(_ reduction: UnitReduction, units: UnitGraph) throws(CondenseError) -> ComputeGraph {
        var rewriter = try UnitRewriter(graph: self, units: units, reduction: reduction)
        try rewriter.run()
        return try replacing(nodes: rewriter.nodes, constants: rewriter.constants)
    }
}

/// A unit layer's affine node in one orientation: `weights[unit · columns + slot·block + t]`
/// in the node's output terms (Gemm `alpha` applied) and its bias (Gemm `beta·C`, Conv `B`,
/// or a MatMul's bias `Add`); folded BatchNormalization is not applied.
public struct AffineView: Sendable {
    public var units: Int
    /// Input slots: input channels of a convolution, input features of a dense node.
    public var slots: Int
    /// Weights per slot and unit: the kernel size, or 1.
    public var block: Int
    public var weights: [Float]
    public var bias: [Float]
    public var columns: Int { slots * block }
}

extension ComputeGraph {
    /// The affine node of unit layer `l` in one orientation. O(its parameters).
    public func affineView(of l: Int, units: UnitGraph) throws(CondenseError) -> AffineView {
        let layer = units.layers[l]
        guard let n = layer.node else { throw .invalidArgument("the input layer has no weights") }
        let node = nodes[n]
        let w = try constantValue(node.inputs[1])
        let raw = try w.floats("weights")
        switch node.opType {
        case "Conv":
            let u = w.shape[0], block = w.shape[2] * w.shape[3]
            var bias = [Float](repeating: 0, count: u)
            if let b = node.input(2) { bias = try Self.broadcast(constantValue(b), to: u, what: "bias of '\(node.displayName)'") }
            return AffineView(units: u, slots: w.shape[1], block: block, weights: raw, bias: bias)
        case "Gemm":
            let transB = try node.int("transB", 0) != 0
            let alpha = try node.float("alpha", 1), beta = try node.float("beta", 1)
            let u = transB ? w.shape[0] : w.shape[1], f = transB ? w.shape[1] : w.shape[0]
            var m = [Float](repeating: 0, count: u * f)
            for k in 0..<u { for i in 0..<f { m[k * f + i] = alpha * (transB ? raw[k * f + i] : raw[i * u + k]) } }
            var bias = [Float](repeating: 0, count: u)
            if let c = node.input(2) {
                bias = try Self.broadcast(constantValue(c), to: u, what: "bias of '\(node.displayName)'").map { beta * $0 }
            }
            return AffineView(units: u, slots: f, block: 1, weights: m, bias: bias)
        default:  // MatMul [F, U]
            let f = w.shape[0], u = w.shape[1]
            var m = [Float](repeating: 0, count: u * f)
            for k in 0..<u { for i in 0..<f { m[k * f + i] = raw[i * u + k] } }
            var bias = [Float](repeating: 0, count: u)
            if let (_, add) = matMulBiasAdd(of: layer) {
                bias = try Self.broadcast(constantValue(add), to: u, what: "bias of '\(node.displayName)'")
            }
            return AffineView(units: u, slots: f, block: 1, weights: m, bias: bias)
        }
    }

    /// The tensor that holds a unit layer's affine output with its node's bias: a MatMul's
    /// folded bias `Add` output, else the node's output.
    public func affineOutput(of layer: UnitLayer) -> String {
        if let (add, _) = matMulBiasAdd(of: layer) { return nodes[add].outputs[0] }
        return layer.node.map { nodes[$0].outputs[0] } ?? layer.outputTensor
    }

    /// A MatMul layer's folded bias `Add` (node index, constant name), when it has one.
    public func matMulBiasAdd(of layer: UnitLayer) -> (Int, String)? {
        guard let n = layer.node, nodes[n].isONNX("MatMul"), let first = layer.foldedNodes.first else { return nil }
        let add = nodes[first]
        guard add.isONNX("Add"), let c = add.inputs.first(where: isConstantValue) else { return nil }
        return (first, c)
    }

    /// Whether a tensor is a constant or computed from constants only (a `Transpose` of weights).
    func isConstantValue(_ name: String) -> Bool {
        if name.isEmpty { return false }
        if isConstant(name) { return true }
        guard let p = producer[name] else { return false }
        return nodes[p].inputs.allSatisfy { $0.isEmpty || isConstantValue($0) }
    }

    /// A constant, or the value of a tensor computed from constants only.
    func constantValue(_ name: String) throws(CondenseError) -> GraphTensor {
        if let c = constants[name] { return c }
        guard let v = try GraphExecutor(graph: self).run([:], targets: [name])[name] else {
            throw .internalError("no value for '\(name.replacingControlCharacters)'")
        }
        return v
    }

    static func broadcast(_ t: GraphTensor, to n: Int, what: String) throws(CondenseError) -> [Float] {
        let v = try t.floats(what)
        if v.count == n { return v }
        if v.count == 1 { return [Float](repeating: v[0], count: n) }
        throw .invalidModel("\(what) has \(v.count) values for \(n) units")
    }
}

private struct UnitRewriter {
    let graph: ComputeGraph
    let units: UnitGraph
    let reduction: UnitReduction
    var nodes: [GraphNode]
    var constants: [String: GraphTensor]
    var names: Set<String>

    init(graph: ComputeGraph, units: UnitGraph, reduction: UnitReduction) throws(CondenseError) {
        self.graph = graph
        self.units = units
        self.reduction = reduction
        nodes = graph.nodes
        constants = graph.constants
        names = Set(graph.constants.keys).union(graph.nodes.flatMap { $0.outputs + $0.inputs })
        try validate()
    }

    func validate() throws(CondenseError) {
        guard reduction.kept.count == units.layers.count,
              zip(reduction.kept, units.layers).allSatisfy({ $0.count == $1.width }) else {
            throw .invalidArgument("the reduction does not match the graph's unit layers")
        }
        for (l, layer) in units.layers.enumerated() where reduction.kept[l].contains(false) {
            if let why = layer.pinned { throw .invalidArgument("units of '\(layer.name)' cannot be removed: \(why)") }
            guard reduction.kept[l].contains(true) else { throw .invalidArgument("every unit of '\(layer.name)' would be removed") }
            for m in units.coupledLayers(l) where reduction.kept[m] != reduction.kept[l] {
                throw .invalidArgument("'\(layer.name)' and '\(units.layers[m].name)' are coupled; their units go only together")
            }
        }
        for m in reduction.merges {
            guard m.layer > 0, m.layer < units.layers.count, m.unit != m.into,
                  m.unit < units.layers[m.layer].width, m.into < units.layers[m.layer].width,
                  !reduction.kept[m.layer][m.unit], reduction.kept[m.layer][m.into], m.factor.isFinite,
                  units.coupledLayers(m.layer).count == 1 else {
                throw .invalidArgument("merge of unit \(m.unit) into \(m.into) of layer \(m.layer) is not valid")
            }
        }
    }

    func value(_ name: String) throws(CondenseError) -> GraphTensor {
        if let c = constants[name] { return c }
        return try graph.constantValue(name)
    }

    func view(_ l: Int) throws(CondenseError) -> AffineView { try graph.affineView(of: l, units: units) }

    func matMulBiasAdd(_ l: Int) -> (Int, String)? { graph.matMulBiasAdd(of: units.layers[l]) }

    func isConstantValue(_ name: String) -> Bool { graph.isConstantValue(name) }

    mutating func fresh(_ base: String, _ tensor: GraphTensor) -> String {
        var k = 0
        var name = "\(base)_condensed"
        while names.contains(name) { k += 1; name = "\(base)_condensed\(k)" }
        names.insert(name)
        constants[name] = tensor
        return name
    }

    mutating func run() throws(CondenseError) {
        let removed = reduction.kept.map { $0.contains(false) }
        let changedInputs = Set(reduction.merges.map(\.layer)).union(reduction.kept.indices.filter { removed[$0] })
        for l in 1..<units.layers.count {
            let layer = units.layers[l]
            let readsChanged = layer.sourceLayers.contains(where: changedInputs.contains)
                || reduction.constants.contains { $0.consumer == l } || reduction.refits[l] != nil
            guard readsChanged || removed[l] else { continue }
            try rewrite(l, inputs: readsChanged, outputs: removed[l])
        }
        var reshapes = Set<Int>()
        for l in units.layers.indices where removed[l] { reshapes.formUnion(units.layers[l].pathReshapes) }
        for r in reshapes.sorted() { try reshape(r) }
    }

    mutating func rewrite(_ l: Int, inputs: Bool, outputs: Bool) throws(CondenseError) {
        let layer = units.layers[l]
        guard let n = layer.node else { return }
        var a = try view(l)
        if inputs { a = try rewriteInputs(l, a) }
        let keep = reduction.kept[l]
        if outputs {
            var w: [Float] = []
            var b: [Float] = []
            for k in 0..<a.units where keep[k] {
                w.append(contentsOf: a.weights[(k * a.columns)..<((k + 1) * a.columns)])
                b.append(a.bias[k])
            }
            a.weights = w
            a.bias = b
            a.units = b.count
            try sliceFoldedNodes(l, keep: keep)
        }
        try write(l, node: n, a)
    }

    /// Merges, folded constants, refits, then the kept input slots.
    func rewriteInputs(_ l: Int, _ view: AffineView) throws(CondenseError) -> AffineView {
        var a = view
        let cols = a.columns
        for m in reduction.merges where units.layers[l].sourceLayers.contains(m.layer) {
            let from = units.slots(of: m.unit, from: m.layer, in: l), to = units.slots(of: m.into, from: m.layer, in: l)
            for (s, t) in zip(from, to) {
                for k in 0..<a.units {
                    for q in 0..<a.block { a.weights[k * cols + t.slot * a.block + q] += m.factor * a.weights[k * cols + s.slot * a.block + q] }
                }
            }
        }
        for c in reduction.constants where c.consumer == l {
            let slots = slotsOfChannel(c.channel, in: l)
            for k in 0..<a.units {
                var sum: Float = 0
                for s in slots { for q in 0..<a.block { sum += a.weights[k * cols + s * a.block + q] } }
                a.bias[k] += c.value * sum
            }
        }
        let slots = units.inputSlots(of: l, slotCount: a.slots)
        let keptSlots = slots.indices.filter { s in slots[s].allSatisfy { reduction.kept[$0.layer][$0.unit] } }
        if let refit = reduction.refits[l] {
            guard refit.weights.count == a.units * keptSlots.count * a.block, refit.bias.count == a.units else {
                throw .invalidArgument("the refit of '\(units.layers[l].name)' has the wrong size")
            }
            return AffineView(units: a.units, slots: keptSlots.count, block: a.block, weights: refit.weights, bias: refit.bias)
        }
        var w = [Float]()
        w.reserveCapacity(a.units * keptSlots.count * a.block)
        for k in 0..<a.units {
            for s in keptSlots { w.append(contentsOf: a.weights[(k * cols + s * a.block)..<(k * cols + (s + 1) * a.block)]) }
        }
        return AffineView(units: a.units, slots: keptSlots.count, block: a.block, weights: w, bias: a.bias)
    }

    func slotsOfChannel(_ channel: Int, in l: Int) -> [Int] {
        let layer = units.layers[l]
        guard let o = layer.inputSources.first(where: { $0.offset <= channel && channel < $0.offset + $0.channels }) else { return [] }
        return layer.kind == .channels ? [channel] : Array((channel * o.positions)..<((channel + 1) * o.positions))
    }

    /// Slices BatchNormalization parameters and bias `Add` constants folded into layer `l`.
    mutating func sliceFoldedNodes(_ l: Int, keep: [Bool]) throws(CondenseError) {
        let layer = units.layers[l]
        let skip = matMulBiasAdd(l)?.0
        for j in layer.foldedNodes where j != skip {
            var node = nodes[j]
            switch node.opType {
            case "BatchNormalization":
                for i in 1..<min(5, node.inputs.count) where !node.inputs[i].isEmpty {
                    node.inputs[i] = try sliced(node.inputs[i], keep: keep, outputRank: 2)
                }
            case "Add":
                for i in node.inputs.indices where isConstantValue(node.inputs[i]) {
                    let rank = layer.kind == .channels ? 4 : 2
                    node.inputs[i] = try sliced(node.inputs[i], keep: keep, outputRank: rank)
                }
            default:
                continue
            }
            nodes[j] = node
        }
    }

    /// A per-unit constant sliced along its unit axis (the axis that meets the channel axis
    /// of an output of rank `outputRank` under broadcasting; rank-1 BN parameters along 0).
    mutating func sliced(_ name: String, keep: [Bool], outputRank: Int) throws(CondenseError) -> String {
        let t = try value(name)
        let v = try t.floats("parameter '\(name)'")
        if v.count == 1 { return name }
        let axis = t.rank == 1 ? 0 : t.rank - (outputRank - 1)
        guard axis >= 0, axis < t.rank, t.shape[axis] == keep.count else {
            throw .invalidModel("the per-unit constant '\(name.replacingControlCharacters)' of shape \(t.shape) does not match \(keep.count) units")
        }
        let inner = t.shape[(axis + 1)...].reduce(1, *), outer = t.shape[..<axis].reduce(1, *)
        var out: [Float] = []
        for o in 0..<outer { for k in keep.indices where keep[k] { out.append(contentsOf: v[((o * keep.count + k) * inner)..<((o * keep.count + k + 1) * inner)]) } }
        var shape = t.shape
        shape[axis] = keep.filter { $0 }.count
        return fresh(name, GraphTensor(shape: shape, floats: out, elementType: t.elementType))
    }

    /// Writes a layer's weights and bias back in the node's orientation.
    mutating func write(_ l: Int, node n: Int, _ a: AffineView) throws(CondenseError) {
        var node = nodes[n]
        let w = try value(node.inputs[1])
        let base = node.inputs[1]
        switch node.opType {
        case "Conv":
            node.inputs[1] = fresh(base, GraphTensor(shape: [a.units, a.slots, w.shape[2], w.shape[3]], floats: a.weights, elementType: w.elementType))
            if node.input(2) != nil || a.bias.contains(where: { $0 != 0 }) {
                let name = fresh(node.input(2) ?? "\(base)_bias", GraphTensor(shape: [a.units], floats: a.bias, elementType: w.elementType))
                if node.inputs.count > 2 { node.inputs[2] = name } else { node.inputs.append(name) }
            }
        case "Gemm":
            let transB = try node.int("transB", 0) != 0
            let alpha = try node.float("alpha", 1)
            guard alpha != 0 else { throw .invalidModel("Gemm '\(node.displayName)' has alpha 0") }
            var stored = [Float](repeating: 0, count: a.units * a.slots)
            for k in 0..<a.units { for i in 0..<a.slots { stored[transB ? k * a.slots + i : i * a.units + k] = a.weights[k * a.slots + i] / alpha } }
            node.inputs[1] = fresh(base, GraphTensor(shape: transB ? [a.units, a.slots] : [a.slots, a.units], floats: stored, elementType: w.elementType))
            if node.input(2) != nil || a.bias.contains(where: { $0 != 0 }) {
                node.attributes["beta"] = .float(1)
                let name = fresh(node.input(2) ?? "\(base)_bias", GraphTensor(shape: [a.units], floats: a.bias, elementType: w.elementType))
                if node.inputs.count > 2 { node.inputs[2] = name } else { node.inputs.append(name) }
            }
        default:
            var stored = [Float](repeating: 0, count: a.units * a.slots)
            for k in 0..<a.units { for i in 0..<a.slots { stored[i * a.units + k] = a.weights[k * a.slots + i] } }
            node.inputs[1] = fresh(base, GraphTensor(shape: [a.slots, a.units], floats: stored, elementType: w.elementType))
            if let (j, c) = matMulBiasAdd(l) {
                var add = nodes[j]
                let old = try value(c)
                var shape = old.shape
                if shape.isEmpty { shape = [a.units] } else { shape[shape.count - 1] = a.units }
                let name = fresh(c, GraphTensor(shape: shape, floats: a.bias, elementType: old.elementType))
                add.inputs = add.inputs.map { $0 == c ? name : $0 }
                nodes[j] = add
            } else if a.bias.contains(where: { $0 != 0 }) {
                throw .invalidArgument("MatMul '\(node.displayName)' has no bias to fold a constant into")
            }
        }
        nodes[n] = node
    }

    /// Gives a `Reshape` on a changed path the new feature count.
    mutating func reshape(_ r: Int) throws(CondenseError) {
        var node = nodes[r]
        let input = node.inputs[0]
        guard let sources = units.tensorSources[input], let channels = units.tensorChannels[input],
              let positions = sources.first?.positions, let shapeName = node.input(1) else { return }
        var keptChannels = 0
        for ch in 0..<channels {
            let from = sources.filter { $0.offset <= ch && ch < $0.offset + $0.channels }
            if from.allSatisfy({ reduction.kept[$0.layer][ch - $0.offset] }) { keptChannels += 1 }
        }
        let shape = try value(shapeName)
        var dims = try shape.ints("shape of '\(node.displayName)'")
        let old = Int64(channels * positions)
        guard dims.filter({ $0 == old }).count == 1 else {
            throw .unsupportedOperator(node: node.displayName, op: "Reshape", reason: "its shape \(dims) does not name the \(old) features once")
        }
        dims = dims.map { $0 == old ? Int64(keptChannels * positions) : $0 }
        node.inputs[1] = fresh(shapeName, GraphTensor(shape: shape.shape, ints: dims, elementType: shape.elementType))
        nodes[r] = node
    }
}
