import CondenseCore

extension Activation {
    /// `f'(z)` for the backward pass (the right derivative at ReLU's kink). O(1).
    func derivative(at z: Float) -> Float {
        switch self {
        case .identity: return 1
        case .relu: return z > 0 ? 1 : 0
        case .leakyRelu(let alpha): return z >= 0 ? 1 : alpha
        case .sigmoid:
            let s = self(z)
            return s * (1 - s)
        case .tanh:
            let t = self(z)
            return 1 - t * t
        }
    }

    /// The Lipschitz constant of `f`: `|f(a) - f(b)| <= L |a - b|`, what an output-change
    /// bound multiplies by at every layer. O(1).
    var lipschitzConstant: Double {
        switch self {
        case .identity, .relu, .tanh: return 1
        case .leakyRelu(let alpha): return max(1, Double(abs(alpha)))
        case .sigmoid: return 0.25
        }
    }
}

extension SplitMix64 {
    /// A uniform number in [0, 1). O(1).
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
