import CondenseCore

/// Exact collapse: removes neurons without changing the network's function (on the input
/// domain, for the stability rule), applying every rule until none fires, since removing
/// one neuron can expose another.
///
/// Rules, in the order of each pass: ``DeadEndRule`` (no outgoing weight),
/// ``ConstantRule`` (no incoming weight), ``EquivalenceRule`` (proportional signatures,
/// hashing plus partition refinement) and ``StabilityRule`` (stably dead or linear ReLUs,
/// from interval and CROWN bounds). Each pass costs O(parameters) for the first three
/// (expected, with hashing) plus the bound computation; every pass but the last removes a
/// neuron, and in practice two or three passes suffice.
///
/// ```swift
/// let options = ExactCollapseOptions(domain: 0...1)
/// let result = try ExactCollapse(options: options).run(network)
/// let certificate = try result.certificate(original: network, options: options, randomPoints: 1000)
/// ```
public struct ExactCollapse: Sendable {
    public var options: ExactCollapseOptions

    public init(options: ExactCollapseOptions = ExactCollapseOptions()) {
        self.options = options
    }

    /// The input box the stability rule will use for `network`: the option, else the
    /// model's own domain, else none.
    public func domain(for network: Network) -> InputBox? { options.box(for: network) }

    /// Simplifies `network`; it is not modified. Throws `invalidArgument` for bad options.
    public func run(_ network: Network) throws(CondenseError) -> CollapseResult {
        try options.validate()
        try network.validate()
        let clock = ContinuousClock()
        let start = clock.now
        let domain = domain(for: network)
        let rules = makeRules(domain: domain)
        var state = CollapseState(network: network)
        var seconds: [String: Double] = [:]
        var passes = 0
        var removed: Int
        repeat {
            passes += 1
            removed = 0
            for rule in rules {
                let ruleStart = clock.now
                removed += try rule.apply(to: &state)
                seconds[rule.name, default: 0] += (clock.now - ruleStart).seconds
            }
        } while removed > 0 && passes < options.maxPasses
        do {
            try state.network.validate()
        } catch {
            throw .internalError("exact collapse produced an invalid network: \(error.description)")
        }
        return CollapseResult(
            network: state.network, fates: state.fates.sorted { $0.neuron < $1.neuron },
            survivors: state.originalIndex, before: NetworkCounts(network), after: NetworkCounts(state.network),
            secondsByRule: seconds, totalSeconds: (clock.now - start).seconds, passes: passes,
            domain: options.rules.contains(.stable) ? domain : nil, declinedFolds: state.declinedFolds,
            unprovenAtTimeLimit: state.unprovenAtTimeLimit)
    }

    private func makeRules(domain: InputBox?) -> [any CollapseRule] {
        var rules: [any CollapseRule] = []
        if options.rules.contains(.deadEnd) { rules.append(DeadEndRule()) }
        if options.rules.contains(.constant) { rules.append(ConstantRule()) }
        if options.rules.contains(.equivalent) {
            rules.append(EquivalenceRule(tolerance: options.tolerance, refining: options.refining))
        }
        if options.rules.contains(.stable), let domain {
            rules.append(StabilityRule(domain: domain, propagation: options.boundMethod.propagation(timeLimit: options.timeLimit),
                                       maxParameterGrowth: options.maxParameterGrowth))
        }
        return rules
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
