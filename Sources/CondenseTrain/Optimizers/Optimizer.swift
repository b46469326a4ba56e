import CondenseCore
import Foundation

/// A first-order update rule: given the gradients of the trained constants, changes them.
public protocol Optimizer: Sendable {
    /// The step size, which a schedule may change between steps.
    var learningRate: Float { get set }
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

/// How the learning rate changes over the training steps.
public enum LearningRateSchedule: String, Sendable, Codable, CaseIterable {
    /// The same rate throughout.
    case constant
    /// Cosine annealing to 0 over all steps of all epochs (Loshchilov and Hutter, ICLR 2017, without restarts).
    case cosine

    /// The rate at step `t` of `total`, from `base`.
    public func rate(_ base: Float, step t: Int, of total: Int) -> Float {
        switch self {
        case .constant: return base
        case .cosine: return base * Float(0.5 * (1 + cos(Double.pi * Double(t) / Double(max(total, 1)))))
        }
    }
}
