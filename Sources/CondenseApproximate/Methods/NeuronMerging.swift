import CondenseCore

/// Neuron merging (Kim, Kim, Park, Jeon, "Neuron merging: compensating for pruned
/// neurons", NeurIPS 2020), data-free, as published for fully connected layers followed
/// by ReLU: in every layer the neurons with the smallest L1 norm of incoming weights are
/// pruned; each pruned neuron `j` is matched with the kept neuron `i` of largest cosine
/// similarity of incoming weights and, if the similarity reaches the threshold `t`, merged
/// into it with the scale `||w_j|| / ||w_i||` (column `i` of the next layer gains the scale
/// times column `j`); below the threshold it is just pruned. The L1 criterion and
/// `t = 0.45` are those of the authors' LeNet-300-100 script; biases are not part of the
/// similarity, as in their code.
///
/// Matching pruned against kept neurons is one `sgemm` (as published, every pruned-kept
/// pair): O(p k d) for `p` pruned and `k` kept neurons of fan-in `d`.
public struct NeuronMerging: ReductionMethod {
    /// Cosine similarity below which a pruned neuron is not merged.
    public var threshold: Double
    public init(threshold: Double = 0.45) { self.threshold = threshold }
    public var name: String { "kim-merge" }
    public var summary: String { "L1 pruning + merge into most cosine-similar kept neuron, scale |w_j|/|w_i| (Kim et al. 2020)" }
    public var family: MethodFamily { .baseline }
    public var needsCalibration: Bool { false }

    /// Incoming L1 norms, L2-normalised per layer (the pruning criterion).
    public func priorities(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        try NeuronMagnitudePruning(norm: .l1).priorities(of: network, calibration: calibration)
    }

    public func reduce(_ network: Network, removing counts: [Int], calibration: CalibrationData?)
        throws(CondenseError) -> Reduction
    {
        try validate(counts, for: network)
        var state = ReductionState(network: network)
        // Selection and similarities use the original weights, as in the authors' code;
        // layer `l`'s neurons still have their original indices when it is reduced.
        let criterion = try NeuronMagnitudePruning(norm: .l1).scores(of: network, calibration: nil)
        for l in network.hiddenLayers where counts[l] > 0 {
            let w = Compensation.incomingSignatures(layer: l, of: network, includingBias: false)
            let norms = DenseAlgebra.rowSquaredNorms(w).map { $0.squareRoot() }
            let criterion = criterion[l]
            let order = criterion.indices.sorted { (criterion[$0], $0) < (criterion[$1], $1) }
            let pruned = Array(order.prefix(counts[l]))
            let kept = Array(order.dropFirst(counts[l]))
            // Cosine similarities pruned x kept from one product of the selected rows.
            let similarity = DenseAlgebra.product(w.selectingRows(pruned), w.selectingRows(kept), transposeB: true)
            var fates: [Int: NeuronFate] = [:]
            for (p, j) in pruned.enumerated() {
                var bestK = 0, bestCosine = -Double.infinity
                for (k, i) in kept.enumerated() {
                    let denominator = norms[i] * norms[j]
                    let cosine = denominator > 0 ? Double(similarity[p, k]) / denominator : 0
                    if cosine > bestCosine { bestCosine = cosine; bestK = k }
                }
                let i = kept[bestK]
                let id = state.original(layer: l, index: j)
                if bestCosine >= threshold, norms[i] > 0 {
                    let scale = norms[j] / norms[i]
                    Compensation.merge(j, into: i, factor: Float(scale), offset: 0, layer: l, of: &state.network)
                    fates[j] = NeuronFate(neuron: id, rule: .approximateMerge, partner: state.original(layer: l, index: i),
                                          factor: scale, evidence: ["cosine": bestCosine])
                } else {
                    fates[j] = NeuronFate(neuron: id, rule: .pruned, evidence: ["cosine": bestCosine, "norm": norms[j]])
                }
            }
            state.remove(pruned, fromLayer: l) { j, id in fates[j] ?? NeuronFate(neuron: id, rule: .pruned) }
        }
        return try state.reduction()
    }
}
