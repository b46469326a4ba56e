import CondenseCore

/// Stochastic gradient descent with momentum, as PyTorch's `torch.optim.SGD`:
/// `v ← μ·v + (g + λ·w)`, `w ← w − η·v`. O(parameters) per step.
public struct SGD: Optimizer {
    public var learningRate: Float
    public var momentum: Float
    public var weightDecay: Float
    private var velocity: [String: [Float]] = [:]

    public init(learningRate: Float, momentum: Float = 0.9, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public mutating func step(_ values: inout [String: [Float]], gradients: [String: [Float]]) {
        for (name, g) in gradients {
            guard var w = values[name] else { continue }
            var v = velocity[name] ?? [Float](repeating: 0, count: w.count)
            let (mu, eta, lambda) = (momentum, learningRate, weightDecay)
            w.withUnsafeMutableBufferPointer { pw in v.withUnsafeMutableBufferPointer { pv in g.withUnsafeBufferPointer { pg in
                for i in pw.indices {
                    pv[i] = mu * pv[i] + pg[i] + lambda * pw[i]
                    pw[i] -= eta * pv[i]
                }
            } } }
            velocity[name] = v
            values[name] = w
        }
    }
}
