import CondenseCore

/// What exact unit collapse did to one unit (neuron or conv channel) of the whole graph.
public struct UnitFate: Sendable, Codable, Hashable {
    public enum Rule: String, Sendable, Codable, CaseIterable {
        /// Constant on the domain where it is read (dead after ReLU, zero kernel, or a
        /// coupled channel whose sum is dead): folded into the consumers' biases.
        case constant
        /// A positive multiple of another unit of its layer: merged into it.
        case proportional
        /// Read by no consumer weight.
        case deadEnd = "dead_end"
    }

    /// The unit layer (its node's name) and the unit's index in the model as read.
    public var layer: String
    public var unit: Int
    public var rule: Rule
    /// Layers removed together with it (coupled across residual `Add`s).
    public var coupled: [String]
    /// For a merge, the unit it went into (index in the model as read) and the factor.
    public var into: Int?
    public var factor: Float?
}
