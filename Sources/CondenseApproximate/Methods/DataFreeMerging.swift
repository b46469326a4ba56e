import CondenseCore

/// Data-free parameter pruning (Srinivas & Babu, "Data-free parameter pruning for deep
/// neural networks", BMVC 2015), as published: in every layer the pair `(i, j)` with the
/// smallest saliency `s(i, j) = ||a_j||^2 ||W_i - W_j||^2` goes first, where `W_i` are the
/// incoming weights (with the bias) and `a_j` the outgoing weights; neuron `j` is removed
/// and its outgoing weights are added to `i`'s (`a_i += a_j`), repeatedly.
///
/// The published algorithm compares all pairs of a layer; the squared distances come
/// from one Gram matrix (`sgemm`), O(n^2 d) for `n` neurons of fan-in `d`, then each removal
/// costs O(n) plus O(n) per neuron whose best partner was the removed one.
public struct DataFreeMerging: ReductionMethod {
    public init() {}
    public var name: String { "srinivas-babu" }
    public var summary: String { "data-free merging of similar weight sets, a_i += a_j (Srinivas & Babu 2015)" }
    public var family: MethodFamily { .baseline }
    public var needsCalibration: Bool { false }

    /// Each neuron's smallest initial saliency, L2-normalised per layer.
    public func priorities(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        PriorityNormalization.l2(network.layers.indices.map { l in
            guard network.hiddenLayers.contains(l) else { return [] }
            let pairs = PairTable(network: network, layer: l)
            return (0..<network.layers[l].width).map { pairs.saliency(of: $0) }
        })
    }

    public func reduce(_ network: Network, removing counts: [Int], calibration: CalibrationData?)
        throws(CondenseError) -> Reduction
    {
        try validate(counts, for: network)
        var state = ReductionState(network: network)
        for l in network.hiddenLayers where counts[l] > 0 {
            var pairs = PairTable(network: state.network, layer: l)
            var ledger = MergeLedger()
            for _ in 0..<counts[l] {
                guard let (j, i, s) = pairs.cheapest() else { break }
                Compensation.merge(j, into: i, factor: 1, offset: 0, layer: l, of: &state.network)
                pairs.merge(j, into: i, outgoing: Compensation.outgoingSquaredNorm(of: i, layer: l, in: state.network))
                ledger.merge(j, id: state.original(layer: l, index: j), into: i, partner: state.original(layer: l, index: i),
                             factor: 1, offset: 0, evidence: ["saliency": s])
            }
            let fates = ledger.fates
            state.remove(fates.keys.sorted(), fromLayer: l) { j, id in fates[j] ?? NeuronFate(neuron: id, rule: .pruned) }
        }
        return try state.reduction()
    }
}

/// Squared distances between the weight sets of one layer and each neuron's best partner.
private struct PairTable {
    let n: Int
    /// `distance[i * n + j] = ||W_i - W_j||^2`.
    let distance: [Double]
    var outgoing: [Double]
    var alive: [Bool]
    var best: [Int]

    init(network: Network, layer l: Int) {
        let w = Compensation.incomingSignatures(layer: l, of: network, includingBias: true)
        n = w.rows
        let gram = DenseAlgebra.product(w, w, transposeB: true)
        let norms = (0..<n).map { Double(gram[$0, $0]) }
        var d = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { d[i * n + j] = max(0, norms[i] + norms[j] - 2 * Double(gram[i, j])) } }
        distance = d
        outgoing = Compensation.outgoingSquaredNorms(layer: l, of: network)
        alive = [Bool](repeating: true, count: n)
        best = [Int](repeating: -1, count: n)
        for j in 0..<n { best[j] = nearest(to: j) }
    }

    /// The nearest other living neuron of `j`, -1 if there is none. O(n).
    func nearest(to j: Int) -> Int {
        var choice = -1
        for i in 0..<n where i != j && alive[i] && (choice < 0 || distance[i * n + j] < distance[choice * n + j]) {
            choice = i
        }
        return choice
    }

    /// `||a_j||^2 ||W_best - W_j||^2`, infinite without a partner. O(1).
    func saliency(of j: Int) -> Double {
        best[j] < 0 ? .infinity : outgoing[j] * distance[best[j] * n + j]
    }

    /// The living pair of smallest saliency as (removed, kept, saliency). O(n).
    mutating func cheapest() -> (Int, Int, Double)? {
        var choice: (Int, Int, Double)?
        for j in 0..<n where alive[j] && best[j] >= 0 {
            let s = saliency(of: j)
            if choice == nil || s < choice!.2 { choice = (j, best[j], s) }
        }
        return choice
    }

    /// Records that `j` went into `i`, whose outgoing norm is now `outgoing`.
    mutating func merge(_ j: Int, into i: Int, outgoing norm: Double) {
        alive[j] = false
        outgoing[i] = norm
        for k in 0..<n where alive[k] && best[k] == j { best[k] = nearest(to: k) }
    }
}
