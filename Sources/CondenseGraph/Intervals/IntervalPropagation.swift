import CondenseCore

/// Pushes a box of inputs through the nodes before a tensor (a model's pre-processing)
/// by interval arithmetic, so that exact collapse works on the box its unit layers really
/// see. Affine and per-feature operators (`Sub`/`Div` by constants, `Scaler`,
/// `BatchNormalization`, `Gemm`/`MatMul`/`Conv` with constant weights, split into
/// positive and negative parts) and every monotone operator (activations, pooling, shape
/// operators) are handled; anything else is refused by name. Each affine result is widened
/// outward by 4·10⁻⁶ of its magnitude to cover float rounding, so the box is sound.
/// O(work of one forward pass per bound).
public struct IntervalPropagation: Sendable {
    public let graph: ComputeGraph

    public init(graph: ComputeGraph) { self.graph = graph }

    /// Element-wise bounds of a tensor.
    public struct Bounds: Sendable {
        public var lower: GraphTensor
        public var upper: GraphTensor
        var isExact: Bool { lower == upper }
    }

    /// Bounds of `target` for one sample whose flat input features lie in `[lower, upper]`.
    public func bounds(of target: String, lower: [Float], upper: [Float]) throws(CondenseError) -> Bounds {
        guard let b = try bounds(of: [target], lower: lower, upper: upper)[target] else { throw .internalError("no bounds for '\(target)'") }
        return b
    }

    /// Bounds of several tensors in one pass (each node propagated once).
    public func bounds(of targets: [String], lower: [Float], upper: [Float]) throws(CondenseError) -> [String: Bounds] {
        let shape = try graph.inputShape(batch: 1, features: lower.count)
        var values: [String: Bounds] = [
            graph.primaryInput.name: Bounds(lower: GraphTensor(shape: shape, floats: lower),
                                           upper: GraphTensor(shape: shape, floats: upper)),
        ]
        for i in graph.ancestors(of: targets) {
            let node = graph.nodes[i]
            var inputs: [Bounds?] = []
            for name in node.inputs {
                if name.isEmpty { inputs.append(nil); continue }
                if let c = graph.constants[name] { inputs.append(Bounds(lower: c, upper: c)); continue }
                guard let b = values[name] else { throw .internalError("no bounds for '\(name)'") }
                inputs.append(b)
            }
            let out = try propagate(node, inputs)
            for (name, b) in zip(node.outputs, out) where !name.isEmpty { values[name] = b }
        }
        var result: [String: Bounds] = [:]
        for t in targets {
            if let c = graph.constants[t] { result[t] = Bounds(lower: c, upper: c) } else { result[t] = values[t] }
        }
        return result
    }

    private func run(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        try OperatorKernels.run(node, x, opset: graph.opset)[0]
    }

    private func widened(_ lower: [Float], _ upper: [Float], shape: [Int]) -> Bounds {
        var lo = lower, hi = upper
        for i in lo.indices {
            let m = max(abs(lo[i]), abs(hi[i])) * 4e-6 + 1e-30
            let a = min(lo[i], hi[i]), b = max(lo[i], hi[i])
            lo[i] = a - m
            hi[i] = b + m
        }
        return Bounds(lower: GraphTensor(shape: shape, floats: lo), upper: GraphTensor(shape: shape, floats: hi))
    }

    private func propagate(_ node: GraphNode, _ x: [Bounds?]) throws(CondenseError) -> [Bounds] {
        let exact = x.allSatisfy { $0?.isExact ?? true }
        if exact {
            // Constant subgraphs (shapes, folded weights) are computed exactly.
            let out = try OperatorKernels.run(node, x.map { $0?.lower }, opset: graph.opset)
            return out.map { Bounds(lower: $0, upper: $0) }
        }
        let lows = x.map { $0?.lower }, highs = x.map { $0?.upper }
        func monotone() throws(CondenseError) -> [Bounds] {
            let lo = try OperatorKernels.run(node, lows, opset: graph.opset)
            let hi = try OperatorKernels.run(node, highs, opset: graph.opset)
            return zip(lo, hi).map { Bounds(lower: $0, upper: $1) }
        }
        func refuse(_ why: String) -> CondenseError {
            .unsupportedOperator(node: node.displayName, op: node.opType,
                                 reason: "cannot push the input domain through it: \(why)")
        }
        switch (node.domain, node.opType) {
        case ("", "Relu"), ("", "Sigmoid"), ("", "Tanh"), ("", "Identity"), ("", "Dropout"), ("", "Flatten"),
             ("", "Reshape"), ("", "Transpose"), ("", "Squeeze"), ("", "Unsqueeze"), ("", "Concat"), ("", "MaxPool"),
             ("", "Gather"), ("ai.onnx.ml", "ArrayFeatureExtractor"):
            return try monotone()
        case ("", "Cast"):
            guard ElementType(rawValue: Int32(truncatingIfNeeded: try node.int("to", 1)))?.isFloatingPoint ?? false else {
                throw refuse("a cast to integers is not bounded")
            }
            return try monotone()
        case ("", "LeakyRelu"):
            guard try node.float("alpha", 0.01) >= 0 else { throw refuse("negative alpha is not monotone") }
            return try monotone()
        case ("", "AveragePool"), ("", "GlobalAveragePool"), ("", "ReduceMean"):
            let m = try monotone()[0]
            return [widened(try m.lower.floats("pool"), try m.upper.floats("pool"), shape: m.lower.shape)]
        case ("", "Add"), ("", "Sub"):
            let a = x[0]!, b = x[1]!
            let sub = node.opType == "Sub"
            let lo = try run(node, [a.lower, sub ? b.upper : b.lower])
            let hi = try run(node, [a.upper, sub ? b.lower : b.upper])
            return [widened(try lo.floats("sum"), try hi.floats("sum"), shape: lo.shape)]
        case ("", "Mul"), ("", "Div"):
            let a = x[0]!, b = x[1]!
            if node.opType == "Div" {
                let bl = try b.lower.floats("divisor"), bh = try b.upper.floats("divisor")
                if zip(bl, bh).contains(where: { $0 <= 0 && $1 >= 0 }) { throw refuse("the divisor's range contains 0") }
            }
            // The extremes of a product or quotient lie at the corners.
            var corners: [[Float]] = []
            var shape: [Int] = []
            for p in [a.lower, a.upper] {
                for q in [b.lower, b.upper] {
                    let r = try run(node, [p, q])
                    shape = r.shape
                    corners.append(try r.floats("product"))
                }
            }
            let lo = (0..<corners[0].count).map { i in corners.map { $0[i] }.min()! }
            let hi = (0..<corners[0].count).map { i in corners.map { $0[i] }.max()! }
            return [widened(lo, hi, shape: shape)]
        case ("", "Gemm"), ("", "MatMul"), ("", "Conv"):
            guard x[1]?.isExact ?? false else { throw refuse("its weights are not constant") }
            let (positive, negative) = try signedParts(node, x[1]!.lower)
            var first = lows, second = highs
            first[1] = positive
            second[1] = negative
            if x.count > 2 { second[2] = nil }  // the bias once
            let loP = try run(node, first), hiN = try run(node, second)
            var third = highs, fourth = lows
            third[1] = positive
            fourth[1] = negative
            if x.count > 2 { fourth[2] = nil }
            let hiP = try run(node, third), loN = try run(node, fourth)
            if x.count > 2, !(x[2]?.isExact ?? true) { throw refuse("its bias is not constant") }
            let lo = zip(try loP.floats("bound"), try hiN.floats("bound")).map(+)
            let hi = zip(try hiP.floats("bound"), try loN.floats("bound")).map(+)
            return [widened(lo, hi, shape: loP.shape)]
        case ("", "BatchNormalization"):
            guard x.dropFirst().allSatisfy({ $0?.isExact ?? true }) else { throw refuse("its parameters are not constant") }
            let lo = try x[0]!.lower.floats("input"), hi = try x[0]!.upper.floats("input")
            let shape = x[0]!.lower.shape
            let channels = shape.count > 1 ? shape[1] : 1
            let (a, b) = try OperatorKernels.batchNormalizationAffine(node, x.map { $0?.lower }, channels: channels)
            let inner = shape.dropFirst(2).reduce(1, *)
            var l = lo, h = hi
            for i in lo.indices {
                let c = (i / inner) % channels
                let p = a[c] * lo[i] + b[c], q = a[c] * hi[i] + b[c]
                l[i] = min(p, q)
                h[i] = max(p, q)
            }
            return [widened(l, h, shape: shape)]
        case ("ai.onnx.ml", "Scaler"):
            let lo = try run(node, [x[0]!.lower]), hi = try run(node, [x[0]!.upper])
            let a = try lo.floats("scaled"), b = try hi.floats("scaled")
            return [widened(zip(a, b).map { min($0, $1) }, zip(a, b).map { max($0, $1) }, shape: lo.shape)]
        default:
            throw refuse("it is not monotone or affine")
        }
    }

    /// The weights split into the parts that raise and that lower the output (the sign of `alpha` included).
    private func signedParts(_ node: GraphNode, _ w: GraphTensor) throws(CondenseError) -> (GraphTensor, GraphTensor) {
        let v = try w.floats("weights")
        let alpha = node.opType == "Gemm" ? try node.float("alpha", 1) : 1
        let sign: Float = alpha < 0 ? -1 : 1
        let pos = v.map { $0 * sign > 0 ? $0 : 0 }, neg = v.map { $0 * sign < 0 ? $0 : 0 }
        return (GraphTensor(shape: w.shape, floats: pos), GraphTensor(shape: w.shape, floats: neg))
    }
}
