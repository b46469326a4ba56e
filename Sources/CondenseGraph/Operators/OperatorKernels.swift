import CondenseCore
import Foundation

/// The operator implementations of the ``GraphExecutor``, one static function per
/// operator family (`OperatorKernels+Linear`, `+Convolution`, `+Pooling`, `+Shape`,
/// `+Normalization`, `+MachineLearning`). Each follows the ONNX operator specification
/// and is checked against ONNX Runtime by the fixture tests.
package enum OperatorKernels {
    /// Runs `node` on its inputs (`nil` for omitted optional ones); one tensor per output.
    package static func run(_ node: GraphNode, _ x: [GraphTensor?], opset: Int) throws(CondenseError) -> [GraphTensor] {
        switch (node.domain, node.opType) {
        case ("", "Gemm"): return [try gemm(node, x)]
        case ("", "MatMul"): return [try matMul(node, x)]
        case ("", "Add"): return [try binary(node, x, +, { $0 &+ $1 })]
        case ("", "Sub"): return [try binary(node, x, -, { $0 &- $1 })]
        case ("", "Mul"): return [try binary(node, x, *, { $0 &* $1 })]
        case ("", "Div"): return [try binary(node, x, /, { $1 == 0 ? 0 : $0 / $1 })]
        case ("", "Relu"): return [try relu(node, x)]
        case ("", "LeakyRelu"):
            let alpha = try node.float("alpha", 0.01)
            return [try unary(node, x) { $0 < 0 ? alpha * $0 : $0 }]
        case ("", "Sigmoid"): return [try unary(node, x, sigmoid)]
        case ("", "Tanh"): return [try unary(node, x) { Foundation.tanh($0) }]
        case ("", "Identity"): return [try required(x, 0, node)]
        case ("", "Dropout"): return try dropout(node, x)
        case ("", "Softmax"): return [try softmax(node, x, opset: opset, log: false)]
        case ("", "LogSoftmax"): return [try softmax(node, x, opset: opset, log: true)]
        case ("", "Flatten"): return [try flatten(node, x)]
        case ("", "Reshape"): return [try reshape(node, x)]
        case ("", "Transpose"): return [try transpose(node, x)]
        case ("", "Squeeze"): return [try squeeze(node, x, opset: opset)]
        case ("", "Unsqueeze"): return [try unsqueeze(node, x, opset: opset)]
        case ("", "Concat"): return [try concat(node, x)]
        case ("", "Cast"): return [try cast(node, x)]
        case ("", "Constant"): return [try constantValue(node)]
        case ("", "Shape"): return [try shapeOf(node, x)]
        case ("", "Gather"): return [try gather(node, x)]
        case ("", "BatchNormalization"): return [try batchNormalization(node, x)]
        case ("", "Conv"): return [try conv(node, x)]
        case ("", "MaxPool"): return [try pool(node, x, kind: .max)]
        case ("", "AveragePool"): return [try pool(node, x, kind: .average)]
        case ("", "GlobalAveragePool"): return [try globalAveragePool(node, x)]
        case ("", "ReduceMean"): return [try reduceMean(node, x, opset: opset)]
        case ("", "ArgMax"): return [try argMax(node, x)]
        case ("ai.onnx.ml", "Scaler"): return [try scaler(node, x)]
        case ("ai.onnx.ml", "Normalizer"): return [try normalizer(node, x)]
        case ("ai.onnx.ml", "ArrayFeatureExtractor"): return [try arrayFeatureExtractor(node, x)]
        case ("ai.onnx.ml", "ZipMap"): return [try required(x, 0, node)]
        default:
            throw node.fail("Condense does not run this operator; it runs \(OperatorSupport.list)")
        }
    }

    static func required(_ x: [GraphTensor?], _ i: Int, _ node: GraphNode) throws(CondenseError) -> GraphTensor {
        guard i < x.count, let t = x[i] else { throw node.fail("input \(i) is missing") }
        return t
    }

    static func optional(_ x: [GraphTensor?], _ i: Int) throws(CondenseError) -> GraphTensor? {
        i < x.count ? x[i] : nil
    }

    package static func sigmoid(_ v: Float) -> Float { v >= 0 ? 1 / (1 + exp(-v)) : exp(v) / (1 + exp(v)) }

    /// `Relu` as one vectorisable loop over a copy of the input. O(elements).
    static func relu(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        var v = try t.floats("input of \(node.displayName)")
        v.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] = max(p[i], 0) } }
        return GraphTensor(shape: t.shape, floats: v, elementType: t.elementType)
    }

    /// An element-wise function of one float tensor.
    static func unary(_ node: GraphNode, _ x: [GraphTensor?], _ f: (Float) -> Float) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        return GraphTensor(shape: t.shape, floats: try t.floats("input of \(node.displayName)").map(f), elementType: t.elementType)
    }

    /// A broadcasting binary operator on floats, or on integers when both inputs are integers.
    static func binary(_ node: GraphNode, _ x: [GraphTensor?], _ f: (Float, Float) -> Float,
                       _ g: (Int64, Int64) -> Int64) throws(CondenseError) -> GraphTensor {
        let a = try required(x, 0, node), b = try required(x, 1, node)
        let shape = try Broadcasting.shape(a.shape, b.shape, node: node)
        if case .int64(let ia) = a.storage, case .int64(let ib) = b.storage {
            return GraphTensor(shape: shape, ints: Broadcasting.apply(ia, a.shape, ib, b.shape, out: shape, g),
                               elementType: a.elementType)
        }
        let fa = try a.floats("input A of \(node.displayName)"), fb = try b.floats("input B of \(node.displayName)")
        return GraphTensor(shape: shape, floats: Broadcasting.apply(fa, a.shape, fb, b.shape, out: shape, f))
    }

    /// `Dropout` at inference: the identity, with an all-true mask.
    static func dropout(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> [GraphTensor] {
        let t = try required(x, 0, node)
        if let training = try optional(x, 2), let flag = try? training.ints("training_mode"), flag.contains(where: { $0 != 0 }) {
            throw node.fail("training_mode is true; Condense runs inference")
        }
        var outs = [t]
        if node.outputs.count > 1 { outs.append(GraphTensor(shape: t.shape, ints: [Int64](repeating: 1, count: t.count), elementType: .bool)) }
        return outs
    }

    /// The value of a `Constant` node.
    static func constantValue(_ node: GraphNode) throws(CondenseError) -> GraphTensor {
        switch node.attributes["value"] ?? node.attributes["value_float"] ?? node.attributes["value_floats"]
            ?? node.attributes["value_int"] ?? node.attributes["value_ints"] ?? node.attributes["value_string"] {
        case .tensor(let t)?: return t
        case .float(let f)? where node.attributes["value_float"] != nil: return GraphTensor(shape: [], floats: [f])
        case .floats(let f)?: return GraphTensor(shape: [f.count], floats: f)
        case .int(let i)?: return GraphTensor(shape: [], ints: [i])
        case .ints(let i)?: return GraphTensor(shape: [i.count], ints: i)
        case .string(let s)?: return GraphTensor(shape: [], strings: [s])
        default: throw node.fail("no value (Condense reads value, value_float(s), value_int(s) and value_string)")
        }
    }

    /// Normalises `axis` (which may be negative) for a tensor of `rank`; `allowEnd` admits `rank` itself.
    package static func axis(_ value: Int64, rank: Int, _ node: GraphNode, allowEnd: Bool = false) throws(CondenseError) -> Int {
        let limit = allowEnd ? rank + 1 : rank
        let a = value < 0 ? Int(value) + limit : Int(value)
        guard a >= 0, a < max(limit, 1) || (rank == 0 && a == 0) else {
            throw node.fail("axis \(value) is out of range for rank \(rank)")
        }
        return a
    }
}
