import CondenseCore

/// The fates of one layer's merges, kept exact through chains: when `i`, which absorbed
/// `j` (`a_j ≈ c a_i + d`), is itself merged into `k` (`a_i ≈ c' a_k + d'`), the consumers
/// now read `c c' a_k + c d' + d` for `j`, so `j`'s fate is re-pointed to `k` with that
/// factor and offset. Every fate then says exactly what its consumers read instead of it,
/// which is what makes per-merge error bounds add up. O(1) amortised per merge and re-point.
struct MergeLedger {
    private(set) var fates: [Int: NeuronFate] = [:]
    /// Current indices of the neurons whose fate points at a living neuron.
    private var absorbed: [Int: [Int]] = [:]

    /// Records that current neuron `j` (address `id`) goes into current neuron `i`
    /// (address `partner`) with `a_j ≈ factor a_i + offset`, or into the constant `offset`
    /// when `i` is `nil`, with `evidence`.
    mutating func merge(_ j: Int, id: NeuronID, into i: Int?, partner: NeuronID?, factor: Double, offset: Double,
                        evidence: [String: Double]) {
        var own = evidence
        own["offset"] = offset
        fates[j] = Self.fate(id, partner: i == nil ? nil : partner, factor: factor, evidence: own)
        for k in absorbed.removeValue(forKey: j) ?? [] {
            guard var fate = fates[k] else { continue }
            let c = fate.factor ?? 0
            fate.evidence["offset"] = (fate.evidence["offset"] ?? 0) + c * offset
            fates[k] = Self.fate(fate.neuron, partner: i == nil ? nil : partner, factor: c * factor, evidence: fate.evidence)
            if let i { absorbed[i, default: []].append(k) }
        }
        if let i { absorbed[i, default: []].append(j) }
    }

    private static func fate(_ id: NeuronID, partner: NeuronID?, factor: Double, evidence: [String: Double]) -> NeuronFate {
        partner == nil
            ? NeuronFate(neuron: id, rule: .pruned, evidence: evidence)
            : NeuronFate(neuron: id, rule: .approximateMerge, partner: partner, factor: factor, evidence: evidence)
    }
}
