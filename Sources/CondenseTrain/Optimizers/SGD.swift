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
        let (mu, eta, lambda) = (momentum, learningRate, weightDecay)
        for (name, g) in gradients {
            guard let count = values[name]?.count else { continue }
            if velocity[name] == nil { velocity[name] = [Float](repeating: 0, count: count) }
            // In place: no copy of the weights or the velocity per step.
            values[name]!.withUnsafeMutableBufferPointer { pw in velocity[name]!.withUnsafeMutableBufferPointer { pv in g.withUnsafeBufferPointer { pg in
                for i in pw.indices {
                    pv[i] = mu * pv[i] + pg[i] + lambda * pw[i]
                    pw[i] -= eta * pv[i]
                }
            } } }
        }
    }
}
