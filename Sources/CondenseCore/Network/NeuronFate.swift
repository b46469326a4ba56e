/// What a simplification did to one neuron of the original network: the shared
/// vocabulary of collapse (which writes it), reports and the renderer (which read it).
///
/// Neuron addresses are always those of the *original* network. Simplifications keep
/// the surviving neurons of a layer in their original order, so the simplified
/// network's neuron `j` of layer `l` is the `j`-th original neuron of `l` not listed.
public struct NeuronFate: Codable, Hashable, Sendable {
    /// The rule that removed the neuron.
    public enum Rule: String, Codable, Hashable, Sendable, CaseIterable {
        /// No outgoing weight.
        case deadEnd = "dead_end"
        /// No incoming weight: its constant output was folded into the next biases.
        case constant
        /// Proportional to a partner neuron: merged into it with a factor.
        case equivalent
        /// Pre-activation upper bound <= 0 on the input domain: always zero.
        case stableDead = "stable_dead"
        /// Pre-activation lower bound >= 0 on the input domain: linear, folded into the next layer.
        case stableLinear = "stable_linear"
        /// Merged into a near-equivalent partner (approximate collapse).
        case approximateMerge = "approx_merge"
        /// Removed by a pruning criterion (approximate collapse, baselines).
        case pruned
    }

    public var neuron: NeuronID
    public var rule: Rule
    /// The neuron it was merged into (original address), for `equivalent` and `approx_merge`.
    public var partner: NeuronID?
    /// `output(neuron) = factor * output(partner)` for merges.
    public var factor: Double?
    /// Numbers that justify the removal (bounds, distances), by name.
    public var evidence: [String: Double]

    public init(neuron: NeuronID, rule: Rule, partner: NeuronID? = nil, factor: Double? = nil,
                evidence: [String: Double] = [:]) {
        self.neuron = neuron
        self.rule = rule
        self.partner = partner
        self.factor = factor
        self.evidence = evidence
    }
}
