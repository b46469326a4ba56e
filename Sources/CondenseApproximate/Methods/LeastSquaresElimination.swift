import CondenseCore

/// Condense's strongest method (`condense-ls`): in every hidden layer, in order, the
/// neurons whose share of the next layers' input is best reconstructed from the others
/// are merged away by greedy least-squares elimination (``GreedyElimination``: each
/// removed neuron's profile on calibration data is regressed on the kept ones), then the
/// layers reading it are re-fitted by least squares (LAPACK `sgelsd`) to the *original*
/// network's pre-activations on the calibration data, which also absorbs the error
/// accumulated upstream (data-driven reconstruction as in He et al., ICCV 2017, and Luo
/// et al., ThiNet, ICCV 2017, with Optimal-Brain-Surgeon-style selection, Hassibi & Stork
/// 1992).
///
/// Time per layer of `n` neurons read by `k` neurons, on `N` samples: one forward pass
/// O(N * parameters), covariances O(N n (n + k)), elimination O(n^3 + removals n (n + k)),
/// re-fit O(N n^2 + N n k).
public struct LeastSquaresElimination: ReductionMethod {
    public var ridge: Double
    public init(ridge: Double = 1e-3) { self.ridge = ridge }
    public var name: String { "condense-ls" }
    public var summary: String { "least-squares elimination (multi-partner affine merge) + least-squares re-fit of the next layer" }
    public var family: MethodFamily { .condense }
    public var needsCalibration: Bool { true }

    /// The elimination order of every layer on the unreduced network, each removal's relative
    /// cost made non-decreasing along the order; the neuron that would stay gets +infinity.
    public func priorities(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        let data = try calibration.required(by: name)
        let activations = try network.forwardAll(data.inputs)
        var result = [[Double]](repeating: [], count: network.layers.count)
        for l in network.hiddenLayers {
            let width = network.layers[l].width
            var elimination = try GreedyElimination(
                activations: activations.values[l], targets: Self.targets(of: l, in: network, activations: activations),
                ridge: ridge)
            elimination.eliminate(width - 1)
            var priority = [Double](repeating: .infinity, count: width)
            var running = 0.0
            for step in elimination.steps {
                running = max(running, step.relativeCost)
                priority[step.neuron] = running
            }
            result[l] = priority
        }
        return result
    }

    public func reduce(_ network: Network, removing counts: [Int], calibration: CalibrationData?)
        throws(CondenseError) -> Reduction
    {
        try validate(counts, for: network)
        let data = try calibration.required(by: name)
        let targets = try CalibrationTargets(network: network, calibration: data)
        var state = ReductionState(network: network)
        for l in network.hiddenLayers where counts[l] > 0 {
            let activations = try state.network.forwardAll(data.inputs)
            let goal = Self.targets(of: l, in: state.network, activations: activations,
                                    original: targets, rows: state.originalIndex)
            var elimination = try GreedyElimination(activations: activations.values[l], targets: goal, ridge: ridge)
            elimination.eliminate(counts[l])
            var fates: [Int: NeuronFate] = [:]
            for step in elimination.steps {
                fates[step.neuron] = NeuronFate(
                    neuron: state.original(layer: l, index: step.neuron), rule: .approximateMerge,
                    partner: step.partner.map { state.original(layer: l, index: $0) }, factor: step.factor,
                    evidence: ["relative_cost": step.relativeCost])
            }
            state.remove(fates.keys.sorted(), fromLayer: l) { j, id in fates[j] ?? NeuronFate(neuron: id, rule: .pruned) }
            try targets.refitConsumers(of: l, in: &state, calibration: data, ridge: ridge)
        }
        return try state.reduction()
    }

    /// What layer `l` must explain in each layer reading it: the original pre-activations
    /// (the current ones when `original` is nil) minus what the other blocks contribute,
    /// all consumers side by side. O(N * parameters of the consumers).
    static func targets(of l: Int, in network: Network, activations: LayerActivations,
                        original: CalibrationTargets? = nil, rows: [[Int]] = []) -> Matrix {
        var parts: [Matrix] = []
        for m in network.consumers(of: l) {
            var goal = original?.preActivations(ofLayer: m, rows: rows[m]) ?? activations.preActivations[m]
            for block in network.layers[m].inputs where block.source != l {
                let other = DenseAlgebra.product(activations.values[block.source], block.weights, transposeB: true)
                for e in goal.values.indices { goal.values[e] -= other.values[e] }
            }
            parts.append(goal)
        }
        return Compensation.concatenatedColumns(parts)
    }
}
