import CondenseCore

/// A seeded generator of random MLPs with planted redundancy of every kind exact collapse
/// removes, and the list of what was planted, so that a simplification can be checked
/// neuron by neuron.
///
/// Base neurons have Gaussian weights (scaled by 1/sqrt(fan-in)) and a bias that puts
/// their pre-activation at 0 at a random interior anchor point of the domain: their sign
/// truly changes on the domain, no two are proportional, and none is a dead end or a
/// constant, so no sound rule can remove them. Planted neurons follow the base neurons of
/// each hidden layer; see ``Kind``. Generation is O(parameters * anchors).
public struct PlantedRedundancy: Sendable, Hashable {
    /// What a planted neuron is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An exact copy of a base neuron of its layer (factor 1).
        case duplicate
        /// A copy scaled by a factor in [0.5, 0.8] or [1.25, 2]: equivalent only for
        /// positively homogeneous activations.
        case scaledDuplicate = "scaled_duplicate"
        /// A base neuron's row with the weights towards each upstream duplicate pair
        /// redistributed (same block sum, different raw weights), then scaled: found only
        /// by partition refinement. Needs a duplicate in the previous hidden layer.
        case bisimilar
        /// Random incoming weights, zero outgoing weights.
        case deadEnd = "dead_end"
        /// Zero incoming weights, positive bias.
        case constant
        /// Bias below minus the interval upper bound of its weighted inputs: never active.
        case stableDead = "stable_dead"
        /// Bias above minus the interval lower bound: always active, hence linear.
        case stableLinear = "stable_linear"

        /// The rule exact collapse must remove such a neuron with, `nil` if it must stay.
        public func expectedRule(for activation: Activation) -> NeuronFate.Rule? {
            switch self {
            case .duplicate, .bisimilar: return .equivalent
            case .scaledDuplicate: return activation.isPositivelyHomogeneous ? .equivalent : nil
            case .deadEnd: return .deadEnd
            case .constant: return .constant
            case .stableDead: return activation == .relu ? .stableDead : .stableLinear
            case .stableLinear: return .stableLinear
            }
        }

        /// Whether the kind can be planted in a layer with `activation`.
        public func applies(to activation: Activation) -> Bool {
            switch self {
            case .stableDead, .stableLinear: return activation.isPiecewiseLinearKink
            default: return true
            }
        }
    }

    /// Base widths, input first, output last (planted neurons come on top of these).
    public var widths: [Int]
    /// Activation of the hidden layers (the output layer is linear).
    public var activation: Activation
    /// Planted neurons per kind, one dictionary per hidden layer.
    public var counts: [[Kind: Int]]
    /// The input box; stability is planted with respect to it.
    public var domain: ClosedRange<Float>
    public var seed: UInt64

    public init(widths: [Int], activation: Activation = .relu, counts: [[Kind: Int]],
                domain: ClosedRange<Float> = 0...1, seed: UInt64 = 0) {
        self.widths = widths
        self.activation = activation
        self.counts = counts
        self.domain = domain
        self.seed = seed
    }

    /// Spreads `planted[k]` neurons evenly over the kinds that fit hidden layer `k`:
    /// bisimilar neurons from the second hidden layer on, stably linear ones (and dead
    /// LeakyReLUs, which are linear too) only in the last hidden layer (folding them into the output layer is cheap; folding an earlier
    /// layer needs a wide skip block, which the default parameter budget refuses).
    public static func evenly(widths: [Int], planted: [Int], activation: Activation = .relu,
                              domain: ClosedRange<Float> = 0...1, seed: UInt64 = 0) -> PlantedRedundancy {
        let hidden = max(0, widths.count - 2)
        let counts = (0..<hidden).map { k -> [Kind: Int] in
            let kinds = Kind.allCases.filter { kind in
                kind.applies(to: activation) && (kind != .bisimilar || k > 0)
                    && (kind.expectedRule(for: activation) != .stableLinear || k == hidden - 1)
            }
            let n = k < planted.count ? planted[k] : 0
            return Dictionary(uniqueKeysWithValues: kinds.enumerated().map { i, kind in
                (kind, n / kinds.count + (i < n % kinds.count ? 1 : 0))
            })
        }
        return PlantedRedundancy(widths: widths, activation: activation, counts: counts, domain: domain, seed: seed)
    }

    /// Checks the plan, with one clear line for what is wrong.
    public func validate() throws(CondenseError) {
        guard widths.count >= 3, widths.allSatisfy({ $0 > 0 }) else {
            throw .invalidArgument("widths need an input, at least one hidden layer and an output, all > 0: \(widths)")
        }
        guard counts.count == widths.count - 2 else {
            throw .invalidArgument("\(counts.count) planted counts for \(widths.count - 2) hidden layers")
        }
        guard activation != .identity else { throw .invalidArgument("planted networks need a nonlinear activation") }
        for (k, layer) in counts.enumerated() {
            for (kind, n) in layer where n != 0 {
                guard n > 0, kind.applies(to: activation) else {
                    throw .invalidArgument("cannot plant \(n) \(kind.rawValue) neurons with \(activation.name)")
                }
                guard kind != .bisimilar || k > 0 else {
                    throw .invalidArgument("bisimilar neurons need a hidden layer before theirs")
                }
            }
        }
        guard domain.lowerBound < domain.upperBound, domain.lowerBound.isFinite, domain.upperBound.isFinite else {
            throw .invalidArgument("the domain must be a finite interval lo < hi, not \(domain)")
        }
    }
}

/// A generated network and what was planted in it.
public struct PlantedNetwork: Sendable {
    public var network: Network
    /// Planted neurons, in layer and index order.
    public var planted: [PlantedNeuron]
}

/// One planted neuron: where it is, what it is, and (for copies) of which base neuron.
public struct PlantedNeuron: Sendable, Hashable, Codable {
    public var neuron: NeuronID
    public var kind: PlantedRedundancy.Kind
    /// The base neuron it copies (duplicates, bisimilar neurons).
    public var partner: NeuronID?
    /// `out = factor * out(partner)` for copies.
    public var factor: Double?
    /// The rule that must remove it, `nil` if it must survive.
    public var expectedRule: NeuronFate.Rule?

    enum CodingKeys: String, CodingKey {
        case neuron, kind, partner, factor
        case expectedRule = "expected_rule"
    }
}

extension Activation {
    /// ReLU or LeakyReLU: piecewise linear with one kink at 0, where stability applies.
    var isPiecewiseLinearKink: Bool {
        switch self {
        case .relu, .leakyRelu: return true
        default: return false
        }
    }
}
