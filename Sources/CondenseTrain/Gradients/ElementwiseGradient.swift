import CondenseCore
import CondenseGraph

/// **Add, Sub, Mul, Div** with NumPy broadcasting: the product rule, and each operand's
/// gradient summed over the axes broadcasting stretched (a bias `[C]` or `[1, C, 1, 1]`
/// gets the sum over samples and positions). Cost: O(output size) per operand.
enum ElementwiseGradient: GradientRule {
    static let operators: Set<String> = ["Add", "Sub", "Mul", "Div"]

    static func gradients(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        let a = try s.input(0), b = try s.input(1)
        let out = s.output.shape, gy = s.outputGradient
        var result: [[Float]?] = [nil, nil]
        switch s.node.opType {
        case "Add", "Sub":
            if s.needs(0) { result[0] = GradientRules.reduce(gy, from: out, to: a.shape) }
            if s.needs(1) {
                let g = GradientRules.reduce(gy, from: out, to: b.shape)
                result[1] = s.node.opType == "Sub" ? g.map { -$0 } : g
            }
        case "Mul":
            if s.needs(0) {
                let bv = Broadcasting.expand(try s.floats(1), b.shape, to: out)
                result[0] = GradientRules.reduce(zip(gy, bv).map(*), from: out, to: a.shape)
            }
            if s.needs(1) {
                let av = Broadcasting.expand(try s.floats(0), a.shape, to: out)
                result[1] = GradientRules.reduce(zip(gy, av).map(*), from: out, to: b.shape)
            }
        default:  // Div: y = a / b
            let bv = Broadcasting.expand(try s.floats(1), b.shape, to: out)
            if s.needs(0) { result[0] = GradientRules.reduce(zip(gy, bv).map { $1 == 0 ? 0 : $0 / $1 }, from: out, to: a.shape) }
            if s.needs(1) {
                let y = try s.output.floats("output of \(s.node.displayName)")
                var g = [Float](repeating: 0, count: gy.count)
                for i in g.indices where bv[i] != 0 { g[i] = -gy[i] * y[i] / bv[i] }
                result[1] = GradientRules.reduce(g, from: out, to: b.shape)
            }
        }
        return result
    }
}
