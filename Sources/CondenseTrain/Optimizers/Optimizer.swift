import CondenseCore

/// A first-order update rule: given the gradients of the trained constants, changes them.
public protocol Optimizer: Sendable {
    /// One step on `values` (flat, by name) with `gradients` of the same shapes.
    mutating func step(_ values: inout [String: [Float]], gradients: [String: [Float]])
}

/// The optimizers the command line offers, with their usual defaults.
public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
    case sgd
    case adam

    /// The default learning rate: 0.01 for SGD with momentum, 0.001 for Adam (Kingma and Ba 2015).
    public var defaultLearningRate: Float { self == .sgd ? 0.01 : 0.001 }

    public func make(learningRate: Float, momentum: Float, weightDecay: Float) -> any Optimizer {
        switch self {
        case .sgd: return SGD(learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        case .adam: return Adam(learningRate: learningRate, weightDecay: weightDecay)
        }
    }
}
