import CondenseCollapse
import CondenseCore
import CondenseEval

/// Approximate collapse: exact collapse first (free, function unchanged on the domain),
/// then a ``ReductionMethod`` removes more neurons with a small, measured and bounded
/// change in behaviour.
///
/// The removal budget comes from the target (a fraction of the hidden neurons, or the
/// largest removal that keeps the calibration accuracy drop or the output-change bound
/// under a limit, by binary search over the count: O(log V) reductions), is spread over
/// the layers by ``RemovalAllocation``, and the result carries the sound output-change
/// bounds of ``ErrorBoundAnalysis`` next to the change measured on random points of the
/// box and on the calibration data.
///
/// ```swift
/// let collapse = ApproximateCollapse(method: LeastSquaresElimination(),
///                                    options: .init(target: .fraction(0.5)))
/// let result = try collapse.run(network, calibration: try CalibrationData(inputs: x, labels: y))
/// ```
public struct ApproximateCollapse: Sendable {
    public var method: any ReductionMethod
    public var options: ApproximateCollapseOptions

    public init(method: any ReductionMethod, options: ApproximateCollapseOptions) {
        self.method = method
        self.options = options
    }

    /// Simplifies `network` (not modified). Throws `invalidArgument` for bad options or a
    /// method that needs calibration data it does not get.
    public func run(_ network: Network, calibration: CalibrationData?) throws(CondenseError) -> ApproximateResult {
        try options.validate()
        if method.needsCalibration && calibration == nil {
            throw .invalidArgument("method \(method.name) needs calibration data")
        }
        if case .maxAccuracyDrop = options.target, calibration?.labels == nil {
            throw .invalidArgument("an accuracy-drop target needs labelled calibration data")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let exact = try ExactCollapse(options: options.exact).run(network)
        let secondsExact = (clock.now - start).seconds
        let base = exact.network
        var planner = Planner(method: method, allocation: options.allocation, base: base, calibration: calibration)
        let reductionStart = clock.now
        let exactRemoved = network.hiddenNeuronCount - base.hiddenNeuronCount
        var search: [ApproximateResult.SearchProbe] = []
        let total: Int
        switch options.target {
        case .fraction(let f):
            let wanted = Int((f * Double(network.hiddenNeuronCount)).rounded()) - exactRemoved
            total = min(max(0, wanted), planner.maximum)
        case .maxAccuracyDrop(let points):
            let before = try accuracy(of: base, on: calibration)
            total = try planner.largest(within: points, probes: &search) { (reduced) throws(CondenseError) in
                100 * (before - (try accuracy(of: reduced.network, on: calibration)))
            }
        case .epsilon(let limit):
            let domain = options.exact.box(for: network)
            total = try planner.largest(within: limit, probes: &search) { (reduced) throws(CondenseError) in
                let analysis = try ErrorBoundAnalysis(original: base, simplified: reduced.network, survivors: reduced.survivors)
                if let calibration { return analysis.bound(residuals: try analysis.sampleResiduals(on: calibration.inputs)) }
                guard let domain else { throw .invalidArgument("an output-change target needs calibration data or an input domain") }
                return analysis.bound(residuals: try analysis.domainResiduals(on: domain))
            }
        }
        let reduction = try planner.reduce(total)
        let secondsReduction = (clock.now - reductionStart).seconds
        let boundStart = clock.now
        var result = try assemble(original: network, exact: exact, reduction: reduction, calibration: calibration)
        result.search = search
        result.secondsExact = secondsExact
        result.secondsReduction = secondsReduction
        result.secondsBound = (clock.now - boundStart).seconds
        result.totalSeconds = (clock.now - start).seconds
        return result
    }

    /// Composes the exact and approximate steps into original addresses and measures.
    private func assemble(original: Network, exact: CollapseResult, reduction: Reduction,
                          calibration: CalibrationData?) throws(CondenseError) -> ApproximateResult {
        let base = exact.network
        let domain = options.exact.box(for: original)
        let analysis = try ErrorBoundAnalysis(original: base, simplified: reduction.network, survivors: reduction.survivors)
        var bound = OutputChangeBound()
        if let calibration { bound.calibration = analysis.bound(residuals: try analysis.sampleResiduals(on: calibration.inputs)) }
        if let domain, options.boundOnDomain {
            bound.domain = analysis.bound(residuals: try analysis.domainResiduals(on: domain))
            bound.sideBySide = try? DifferenceBound.maximum(original: original, simplified: reduction.network, on: domain)
        }
        let annotator = MergeBounds(
            analysis: analysis,
            calibration: try calibration.map { (c) throws(CondenseError) in try base.forwardAll(c.inputs) },
            domain: options.boundOnDomain ? domain.map { SymbolicBounds().bounds(of: base, on: $0) } : nil)
        let annotated = annotator.annotate(reduction.fates)
        let sums = OutputChangeBound(
            domain: bound.domain == nil ? nil : annotated.reduce(0) { $0 + ($1.evidence["bound_domain"] ?? 0) },
            calibration: calibration == nil ? nil : annotated.reduce(0) { $0 + ($1.evidence["bound_calibration"] ?? 0) })
        // Addresses in the exact-collapsed network -> original addresses.
        func lift(_ id: NeuronID) -> NeuronID { NeuronID(layer: id.layer, index: exact.survivors[id.layer][id.index]) }
        let lifted = annotated.map { fate in
            var fate = fate
            fate.neuron = lift(fate.neuron)
            fate.partner = fate.partner.map(lift)
            return fate
        }
        let survivors = reduction.survivors.enumerated().map { l, kept in kept.map { exact.survivors[l][$0] } }
        var perLayer = [Int](repeating: 0, count: base.layers.count)
        for fate in reduction.fates { perLayer[fate.neuron.layer] += 1 }
        let points = domain.map {
            RandomPoints.uniform(count: options.randomPoints, box: $0, seed: options.seed)
        }
        return ApproximateResult(
            network: reduction.network, method: method.name, allocation: options.allocation,
            target: options.targetDescription, fates: (exact.fates + lifted).sorted { $0.neuron < $1.neuron },
            survivors: survivors, before: NetworkCounts(original), after: NetworkCounts(reduction.network),
            exactRemoved: original.hiddenNeuronCount - base.hiddenNeuronCount, approximateRemovedPerLayer: perLayer,
            domain: domain, bound: bound, mergeBoundSum: sums,
            randomPoints: try points.flatMap { (p) throws(CondenseError) in
                p.rows > 0 ? try OutputDeviation.measure(original: original, simplified: reduction.network, inputs: p) : nil
            },
            calibrationChange: try calibration.map { (c) throws(CondenseError) in
                try OutputDeviation.measure(original: original, simplified: reduction.network, inputs: c.inputs)
            },
            calibrationAccuracyBefore: calibration?.labels == nil ? nil : try accuracy(of: original, on: calibration),
            calibrationAccuracyAfter: calibration?.labels == nil ? nil : try accuracy(of: reduction.network, on: calibration),
            search: [], secondsExact: 0, secondsReduction: 0, secondsBound: 0, totalSeconds: 0)
    }

    /// Accuracy on the labelled calibration data, 0 without labels.
    private func accuracy(of network: Network, on calibration: CalibrationData?) throws(CondenseError) -> Double {
        guard let calibration, let labels = calibration.labels else { return 0 }
        return try Evaluator().evaluate(network, inputs: calibration.inputs, labels: labels).0.accuracy ?? 0
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
