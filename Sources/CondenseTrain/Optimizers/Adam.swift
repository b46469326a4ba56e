import CondenseCore
import Foundation

/// Adam (Kingma and Ba, ICLR 2015), as PyTorch's `torch.optim.Adam`: first and second
/// moment estimates with bias correction, β = (0.9, 0.999), ε = 1e-8; weight decay, if
/// any, is added to the gradient (L2). O(parameters) per step.
public struct Adam: Optimizer {
    public var learningRate: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    public var weightDecay: Float
    private var first: [String: [Float]] = [:]
    private var second: [String: [Float]] = [:]
    private var steps = 0

    public init(learningRate: Float, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    public mutating func step(_ values: inout [String: [Float]], gradients: [String: [Float]]) {
        steps += 1
        let c1 = 1 - Float(pow(Double(beta1), Double(steps))), c2 = 1 - Float(pow(Double(beta2), Double(steps)))
        let (b1, b2, eps, eta, lambda) = (beta1, beta2, epsilon, learningRate, weightDecay)
        let stepSize = eta / c1, root = c2.squareRoot()
        for (name, g) in gradients {
            guard let count = values[name]?.count else { continue }
            if first[name] == nil { first[name] = [Float](repeating: 0, count: count) }
            if second[name] == nil { second[name] = [Float](repeating: 0, count: count) }
            // In place: no copy of the weights or the moments per step.
            values[name]!.withUnsafeMutableBufferPointer { pw in
                first[name]!.withUnsafeMutableBufferPointer { pm in second[name]!.withUnsafeMutableBufferPointer { pv in
                    g.withUnsafeBufferPointer { pg in
                        for i in pw.indices {
                            let gi = pg[i] + lambda * pw[i]
                            pm[i] = b1 * pm[i] + (1 - b1) * gi
                            pv[i] = b2 * pv[i] + (1 - b2) * gi * gi
                            pw[i] -= stepSize * pm[i] / (pv[i].squareRoot() / root + eps)
                        }
                    }
                } }
            }
        }
    }
}
