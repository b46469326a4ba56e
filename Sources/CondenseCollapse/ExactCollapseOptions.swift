import CondenseCore

/// How exact collapse runs: which rules, how tight "equal" is, on which input box
/// stability is decided, and how much a fold may grow the parameter count.
public struct ExactCollapseOptions: Sendable, Hashable, Codable {
    /// How pre-activation bounds are computed for the stability rule.
    public enum BoundMethod: String, Sendable, Hashable, Codable, CaseIterable {
        /// Interval arithmetic only (Gowal et al. 2018, IBP): O(parameters).
        case interval
        /// Interval arithmetic, then CROWN/DeepPoly back-substitution (Zhang et al. 2018;
        /// Singh et al. 2019), intersected: tighter, O(layers * width * parameters).
        case symbolic
        /// Symbolic bounds, then branch and bound on first-layer ReLU splits for the
        /// second hidden layer's candidates (``SplitBounds``): complete in the limit.
        case branchAndBound = "branch-and-bound"

        /// The bound computation of this method; branch and bound stops searching after `timeLimit` seconds.
        func propagation(timeLimit: Double?) -> any BoundPropagation {
            switch self {
            case .interval: IntervalBounds()
            case .symbolic: SymbolicBounds()
            case .branchAndBound: SplitBounds(timeLimit: timeLimit)
            }
        }
    }

    /// The rules exact collapse can apply.
    public enum RuleKind: String, Sendable, Hashable, Codable, CaseIterable {
        case deadEnd = "dead_end"
        case constant
        case equivalent
        case stable
    }

    /// Max-norm distance between normalised signatures under which neurons are equivalent.
    public var tolerance: Double
    /// The box of the network's inputs for the stability rule; `nil` uses the model's own
    /// ``Network/inputDomain``, and without either the stability rule is skipped.
    public var domain: InputBox?
    /// A cube `[lo, hi]^d` of the network's own width, used when ``domain`` is `nil`.
    public var cube: ClosedRange<Float>?
    /// A fold of stably linear neurons is made only if the parameter count after it is at
    /// most this factor times the count before it.
    public var maxParameterGrowth: Double
    /// Rules that may fire.
    public var rules: Set<RuleKind>
    /// Bounds for the stability rule.
    public var boundMethod: BoundMethod
    /// Whether equivalence uses partition refinement (bisimulation) or raw weights only.
    public var refining: Bool
    /// Stops after this many passes even if a rule would still fire (each pass removes a neuron).
    public var maxPasses: Int
    /// Seconds the branch and bound of the stability rule may search (`nil`: no limit). When
    /// it runs out, the neurons it has not proved are kept, and the certificate says how many.
    public var timeLimit: Double? = 60

    public init(tolerance: Double = 1e-6, domain: InputBox? = nil, maxParameterGrowth: Double = 1.0,
                rules: Set<RuleKind> = Set(RuleKind.allCases), boundMethod: BoundMethod = .branchAndBound,
                refining: Bool = true, maxPasses: Int = 100) {
        self.tolerance = tolerance
        self.domain = domain
        self.maxParameterGrowth = maxParameterGrowth
        self.rules = rules
        self.boundMethod = boundMethod
        self.refining = refining
        self.maxPasses = maxPasses
    }

    /// Options on the cube `[lo, hi]^d` of whatever width the network has (`nil`: the network's own domain).
    public init(domain cube: ClosedRange<Float>?, tolerance: Double = 1e-6, maxParameterGrowth: Double = 1.0,
                rules: Set<RuleKind> = Set(RuleKind.allCases), boundMethod: BoundMethod = .branchAndBound,
                refining: Bool = true, maxPasses: Int = 100) {
        self.init(tolerance: tolerance, domain: nil, maxParameterGrowth: maxParameterGrowth, rules: rules,
                  boundMethod: boundMethod, refining: refining, maxPasses: maxPasses)
        self.cube = cube
    }

    /// The box for a network: ``domain``, else ``cube`` at its width, else its own ``Network/inputDomain``.
    public func box(for network: Network) -> InputBox? {
        if let domain { return domain }
        if let range = cube ?? network.inputDomain { return InputBox(uniform: range, width: network.inputWidth) }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case tolerance, domain, rules, refining, cube
        case maxParameterGrowth = "max_parameter_growth"
        case boundMethod = "bound_method"
        case maxPasses = "max_passes"
        case timeLimit = "time_limit"
    }

    /// Encodes with the rules sorted, so that equal options give equal JSON.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tolerance, forKey: .tolerance)
        try c.encodeIfPresent(domain, forKey: .domain)
        try c.encodeIfPresent(cube.map { [$0.lowerBound, $0.upperBound] }, forKey: .cube)
        try c.encode(maxParameterGrowth, forKey: .maxParameterGrowth)
        try c.encode(rules.map(\.rawValue).sorted(), forKey: .rules)
        try c.encode(boundMethod, forKey: .boundMethod)
        try c.encode(refining, forKey: .refining)
        try c.encode(maxPasses, forKey: .maxPasses)
        try c.encodeIfPresent(timeLimit, forKey: .timeLimit)
    }

    /// Rejects options no run can honour, with one clear line.
    public func validate() throws(CondenseError) {
        guard tolerance.isFinite, tolerance >= 0 else {
            throw .invalidArgument("the tolerance must be a finite number >= 0, not \(tolerance)")
        }
        guard maxParameterGrowth.isFinite, maxParameterGrowth > 0 else {
            throw .invalidArgument("the maximum parameter growth must be a finite number > 0, not \(maxParameterGrowth)")
        }
        if let domain { _ = try InputBox(lower: domain.lower, upper: domain.upper) }
        if let cube, !(cube.lowerBound.isFinite && cube.upperBound.isFinite) {
            throw .invalidArgument("the input domain must be finite, not \(cube)")
        }
        guard maxPasses >= 1 else { throw .invalidArgument("the number of passes must be at least 1") }
        if let timeLimit, !(timeLimit.isFinite && timeLimit >= 0) {
            throw .invalidArgument("the time limit must be a finite number of seconds >= 0, not \(timeLimit)")
        }
    }
}
