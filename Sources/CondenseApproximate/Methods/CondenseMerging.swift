import CondenseCore

/// Condense's approximate merging: candidate pairs from locality-sensitive hashing of the
/// neurons' profiles (``SimHashPairs``; no all-pairs scan), then greedy merging within each
/// layer, cheapest first.
///
/// The distance between neurons comes from their labels: the activation profile on
/// calibration data when given (affine merge `a_j ≈ c a_i + d`, the least-squares fit),
/// else the normalised incoming signature (data-free, `c > 0`). Merging `j` into `i` costs
/// `||outgoing_j||^2 * residual`, the squared error it adds to the next layer's
/// pre-activations; removing `j` alone with its mean folded into the biases is always a
/// candidate too, so every neuron can go. Merged neurons are compensated by scale
/// (``Compensation/merge(_:into:factor:offset:layer:of:)``); with `refit`, the layers that
/// read the merged layer are then re-fitted by least squares on the calibration data.
///
/// Time per layer: O(n d (tables bits)) to hash, O(pairs d) to cost the candidate pairs
/// (O(n tables maxBucket) pairs), O((pairs + n) log pairs) to merge, plus the re-fit.
public struct CondenseMerging: ReductionMethod {
    public var refit: Bool
    public var ridge: Double
    var hashing = SimHashPairs()

    public init(refit: Bool = false, ridge: Double = 1e-3) {
        self.refit = refit
        self.ridge = ridge
    }

    public var name: String { refit ? "condense-merge-ls" : "condense-merge" }
    public var summary: String {
        refit ? "LSH candidate pairs, greedy affine merging by activation profile, least-squares re-fit"
            : "LSH candidate pairs, greedy merging by activation profile (or signature, data-free), merge by scale"
    }
    public var family: MethodFamily { .condense }
    public var needsCalibration: Bool { refit }

    /// Each neuron's cheapest removal, relative to the layer's total cost of removing all.
    public func priorities(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        let activations = try calibration.map { (c) throws(CondenseError) in try network.forwardAll(c.inputs) }
        return network.layers.indices.map { l in
            guard network.hiddenLayers.contains(l) else { return [] }
            let profiles = Self.profiles(layer: l, of: network, activations: activations)
            let outgoing = Compensation.outgoingSquaredNorms(layer: l, of: network)
            let costs = cheapestCosts(profiles, outgoing: outgoing)
            let total = zip(outgoing, profiles.energy).reduce(0) { $0 + $1.0 * $1.1 }
            return total > 0 ? costs.map { $0 / total } : costs
        }
    }

    public func reduce(_ network: Network, removing counts: [Int], calibration: CalibrationData?)
        throws(CondenseError) -> Reduction
    {
        try validate(counts, for: network)
        let data = refit ? try calibration.required(by: name) : calibration
        let targets = try data.map { (c) throws(CondenseError) in try CalibrationTargets(network: network, calibration: c) }
        var state = ReductionState(network: network)
        for l in network.hiddenLayers where counts[l] > 0 {
            let activations = try data.map { (c) throws(CondenseError) in try state.network.forwardAll(c.inputs) }
            let profiles = Self.profiles(layer: l, of: state.network, activations: activations)
            let fates = mergeGreedily(layer: l, count: counts[l], profiles: profiles, state: &state)
            state.remove(fates.keys.sorted(), fromLayer: l) { j, id in fates[j] ?? NeuronFate(neuron: id, rule: .pruned) }
            if refit, let targets, let data {
                try targets.refitConsumers(of: l, in: &state, calibration: data, ridge: ridge)
            }
        }
        return try state.reduction()
    }

    static func profiles(layer l: Int, of network: Network, activations: LayerActivations?) -> MergeProfiles {
        if let activations { return MergeProfiles(activations: activations.values[l]) }
        return MergeProfiles(signatures: Compensation.incomingSignatures(layer: l, of: network, includingBias: true))
    }

    /// The smallest cost of removing each neuron (alone or merged into a candidate). O(pairs d).
    func cheapestCosts(_ profiles: MergeProfiles, outgoing: [Double]) -> [Double] {
        var costs = zip(outgoing, profiles.energy).map { $0 * $1 }
        for (a, b) in hashing.pairs(of: profiles.vectors) {
            for (j, i) in [(a, b), (b, a)] {
                if let fit = profiles.fit(j, onto: i) { costs[j] = min(costs[j], outgoing[j] * fit.residual) }
            }
        }
        return costs
    }

    /// Merges `count` neurons of layer `l` greedily and returns their fates (current index
    /// to fate); the merged neurons are compensated but not yet removed.
    private func mergeGreedily(layer l: Int, count: Int, profiles: MergeProfiles, state: inout ReductionState)
        -> [Int: NeuronFate]
    {
        let n = state.network.layers[l].width
        var outgoing = Compensation.outgoingSquaredNorms(layer: l, of: state.network)
        var version = [Int](repeating: 0, count: n)
        var alive = [Bool](repeating: true, count: n)
        var heap = CostHeap()
        var fits: [Int: (factor: Double, offset: Double, residual: Double)] = [:]
        let pairs = hashing.pairs(of: profiles.vectors)
        func cost(_ j: Int, _ i: Int) -> Double {
            i < 0 ? outgoing[j] * profiles.energy[j] : outgoing[j] * (fits[j * n + i]?.residual ?? .infinity)
        }
        for j in 0..<n { heap.push(.init(cost: cost(j, -1), removed: j, partner: -1, version: 0)) }
        for (a, b) in pairs {
            for (j, i) in [(a, b), (b, a)] {
                guard let fit = profiles.fit(j, onto: i) else { continue }
                fits[j * n + i] = fit
                heap.push(.init(cost: cost(j, i), removed: j, partner: i, version: 0))
            }
        }
        var ledger = MergeLedger()
        var removed = 0
        while removed < count, let entry = heap.pop() {
            let j = entry.removed, i = entry.partner
            guard alive[j], i < 0 || alive[i] else { continue }
            guard entry.version == version[j] else {
                heap.push(.init(cost: cost(j, i), removed: j, partner: i, version: version[j]))
                continue
            }
            let evidence = ["cost": entry.cost, "activation_variance": profiles.energy[j]]
            let fit = i < 0 ? (factor: 0, offset: profiles.means[j], residual: 0) : fits[j * n + i]
            guard let fit else { continue }
            Compensation.merge(j, into: i < 0 ? nil : i, factor: Float(fit.factor), offset: Float(fit.offset), layer: l,
                               of: &state.network)
            ledger.merge(j, id: state.original(layer: l, index: j), into: i < 0 ? nil : i,
                         partner: i < 0 ? nil : state.original(layer: l, index: i), factor: fit.factor,
                         offset: fit.offset, evidence: evidence)
            if i >= 0 {
                outgoing[i] = Compensation.outgoingSquaredNorm(of: i, layer: l, in: state.network)
                version[i] += 1
            }
            alive[j] = false
            removed += 1
        }
        let fates = ledger.fates
        return fates
    }
}
