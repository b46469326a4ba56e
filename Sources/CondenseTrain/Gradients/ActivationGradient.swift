import CondenseCore
import CondenseGraph
import Foundation

/// **Relu, LeakyRelu, Sigmoid, Tanh**: the derivative element by element, read from the
/// forward output where it suffices (`y > 0`, `y(1 − y)`, `1 − y²`). The derivative of Relu
/// at 0 is taken as 0, as PyTorch does. Cost: O(size).
enum ActivationGradient: GradientRule {
    static let operators: Set<String> = ["Relu", "LeakyRelu", "Sigmoid", "Tanh"]

    static func gradients(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        guard s.needs(0) else { return [nil] }
        let y = try s.output.floats("output of \(s.node.displayName)")
        var g = s.outputGradient
        switch s.node.opType {
        case "Relu":
            // Branch-free, so the loop vectorises.
            g.withUnsafeMutableBufferPointer { p in y.withUnsafeBufferPointer { q in for i in p.indices { p[i] = q[i] > 0 ? p[i] : 0 } } }
        case "LeakyRelu":
            let alpha = try s.node.float("alpha", 0.01)
            let x = try s.floats(0)
            for i in g.indices where x[i] < 0 { g[i] *= alpha }
        case "Sigmoid":
            for i in g.indices { g[i] *= y[i] * (1 - y[i]) }
        default:
            for i in g.indices { g[i] *= 1 - y[i] * y[i] }
        }
        return [g]
    }
}
