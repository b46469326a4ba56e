import CondenseCore
import CondenseLabels

/// **Equivalent neurons**: neurons of a hidden layer whose (block-aggregated) incoming
/// weights and bias are proportional with a factor `c > 0` (positively homogeneous
/// activations) or equal (others) compute `out(j) = c * out(i)`; `j` is merged into `i`
/// by adding `c` times its outgoing weights to `i`'s, and removed.
///
/// The blocks come from ``EquivalencePartition`` (hashing of normalised signatures, then
/// forward bisimulation over upstream blocks). Merging every block at once is exact:
/// after layer `l`'s members are merged, the representatives of layer `l + 1` hold
/// exactly the aggregated signatures the partition was computed from. Expected O(V + E)
/// for the partition plus O(parameters touching merged layers) for the edits.
struct EquivalenceRule: CollapseRule {
    let name = NeuronFate.Rule.equivalent.rawValue
    var tolerance: Double
    var refining: Bool

    func apply(to state: inout CollapseState) throws(CondenseError) -> Int {
        let graph = NeuronGraph(state.network)
        let partition = try EquivalencePartition(graph, tolerance: tolerance, refining: refining)
        let hidden = state.network.hiddenLayers
        let hiddenNodes = graph.layerOffsets[hidden.lowerBound]..<graph.layerOffsets[hidden.upperBound]
        guard hiddenNodes.contains(where: { !partition.isRepresentative($0) }) else { return 0 }
        var removed = 0
        for l in hidden {
            let first = graph.layerOffsets[l]
            let members = (0..<state.network.layers[l].width).filter { !partition.isRepresentative(first + $0) }
            guard !members.isEmpty else { continue }
            let reps = members.map { partition.representative(of: first + $0) - first }
            let partners = Dictionary(uniqueKeysWithValues: zip(members, reps.map { state.original(layer: l, index: $0) }))
            state.addColumns(members, scaledBy: members.map { partition.factor[first + $0] }, into: reps, ofLayer: l)
            state.remove(members, fromLayer: l) { i, id in
                let v = first + i
                let refined = refining && !rawProportional(graph, v, partition.representative(of: v),
                                                           factor: partition.factor[v])
                return NeuronFate(
                    neuron: id, rule: .equivalent, partner: partners[i], factor: partition.factor[v],
                    evidence: ["deviation": partition.deviation[v], "tolerance": tolerance, "refined": refined ? 1 : 0])
            }
            removed += members.count
        }
        return removed
    }

    /// Whether `v`'s raw incoming weights and bias are `factor` times `rep`'s within the
    /// tolerance (relative to `v`'s largest entry): the merge did not need the refinement.
    /// A merge of the sorted in-edge lists, O(in-degree of both).
    private func rawProportional(_ graph: NeuronGraph, _ v: Int, _ rep: Int, factor: Double) -> Bool {
        let a = graph.inEdges(v), b = graph.inEdges(rep)
        var scale = abs(Double(graph.bias[v]))
        for e in a { scale = max(scale, abs(Double(graph.inWeights[e]))) }
        let limit = tolerance * scale
        guard abs(Double(graph.bias[v]) - factor * Double(graph.bias[rep])) <= limit else { return false }
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound || j < b.upperBound {
            let si = i < a.upperBound ? graph.inSources[i] : Int32.max
            let sj = j < b.upperBound ? graph.inSources[j] : Int32.max
            let wi = si <= sj ? Double(graph.inWeights[i]) : 0
            let wj = sj <= si ? Double(graph.inWeights[j]) : 0
            if si <= sj { i += 1 }
            if sj <= si { j += 1 }
            if abs(wi - factor * wj) > limit { return false }
        }
        return true
    }
}
