import CondenseCore
import CondenseGraph

/// The derivative of one family of ONNX operators (reverse mode): from a node's inputs, its
/// output and the gradient of the loss with respect to that output, the gradients with
/// respect to the inputs that need one.
///
/// One file per family (`LinearGradient`, `ConvolutionGradient`, …), each saying what it
/// differentiates and at what cost; ``GradientRules`` maps an operator to its rule. A node on
/// the path from a trained parameter to the loss whose operator has no rule refuses the model
/// by name before any training starts. Every rule is checked against finite differences in
/// `GradientCheckTests`.
protocol GradientRule: Sendable {
    /// The operators of the default ONNX domain this rule differentiates.
    static var operators: Set<String> { get }
    /// One gradient per input (shaped like that input, flat row-major), `nil` where
    /// `step.needs[i]` is false or the input is not differentiable.
    static func gradients(_ step: BackwardStep) throws(CondenseError) -> [[Float]?]
}

/// What a ``GradientRule`` sees of one node in the backward pass.
struct BackwardStep {
    var node: GraphNode
    /// The node's inputs as the forward pass read them (`nil` for omitted optional ones).
    var inputs: [GraphTensor?]
    /// The node's first output, as computed in the forward pass.
    var output: GraphTensor
    /// dLoss/dOutput, shaped like `output`.
    var outputGradient: [Float]
    /// Which inputs need a gradient.
    var needs: [Bool]
    var opset: Int

    func input(_ i: Int) throws(CondenseError) -> GraphTensor {
        guard i < inputs.count, let t = inputs[i] else { throw node.fail("input \(i) is missing") }
        return t
    }

    func floats(_ i: Int) throws(CondenseError) -> [Float] {
        try input(i).floats("input \(i) of \(node.displayName)")
    }

    func needs(_ i: Int) -> Bool { i < needs.count && needs[i] }
}

/// The rules by operator.
enum GradientRules {
    static let all: [any GradientRule.Type] = [
        LinearGradient.self, ConvolutionGradient.self, PoolingGradient.self, ElementwiseGradient.self,
        ActivationGradient.self, ShapeGradient.self, NormalizationGradient.self,
    ]

    static let byOperator: [String: any GradientRule.Type] = {
        var map: [String: any GradientRule.Type] = [:]
        for rule in all { for op in rule.operators { map[op] = rule } }
        return map
    }()

    /// Operators whose outputs carry no gradient (integer shapes, indices): the backward pass stops there.
    static let stopping: Set<String> = ["Shape", "ArgMax"]

    /// The rule for `node`, or an error naming it.
    static func rule(for node: GraphNode) throws(CondenseError) -> any GradientRule.Type {
        guard node.domain.isEmpty, let rule = byOperator[node.opType] else {
            throw .unsupportedOperator(node: node.displayName, op: (node.domain.isEmpty ? "" : node.domain + ".") + node.opType,
                                       reason: "fine-tuning cannot differentiate it, and it lies between a trained layer and the loss; "
                                           + "Condense differentiates " + byOperator.keys.sorted().joined(separator: ", "))
        }
        return rule
    }

    /// `gradient` (shaped `from`) summed over the axes that broadcasting added or stretched to give `from` from `to`. O(size of `from`).
    static func reduce(_ gradient: [Float], from outShape: [Int], to shape: [Int]) -> [Float] {
        if outShape == shape { return gradient }
        let count = shape.reduce(1, *)
        if count == 1 { return [gradient.reduce(0, +)] }
        var result = [Float](repeating: 0, count: count)
        let strides = Broadcasting.strides(shape, to: outShape)
        let rank = outShape.count
        guard rank > 0 else { return gradient }
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        let inner = outShape[rank - 1], innerStride = strides[rank - 1]
        var i = 0
        result.withUnsafeMutableBufferPointer { r in
            gradient.withUnsafeBufferPointer { g in
                while i < g.count {
                    var o = offset
                    for k in 0..<inner { r[o] += g[i + k]; o += innerStride }
                    i += inner
                    var axis = rank - 2
                    while axis >= 0 {
                        index[axis] += 1
                        offset += strides[axis]
                        if index[axis] < outShape[axis] { break }
                        offset -= strides[axis] * outShape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
        return result
    }
}
