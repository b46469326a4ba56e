import CondenseCore

extension EquivalenceLabeling {
    /// Checks the labels both ways on `count` random pairs:
    /// - half are pairs from one block: a forward pass of `network` on 64 random inputs
    ///   (in its input domain, else `[0, 1]`) must give `out(u) = c · out(v)` for the factor
    ///   `c` the labels answer (relative error ≤ 1e-3, float32 arithmetic);
    /// - half are random same-layer pairs: if their raw signatures (incoming weights and bias)
    ///   are proportional, the labels must put them in one block.
    /// O(count · fan-in + one forward pass).
    public func verify(network: Network, count: Int, seed: UInt64 = 1) throws(CondenseError) -> Verification {
        let graph = NeuronGraph(network)
        var rng = SplitMix64(seed: seed)
        let sizes = blockSizes
        let grouped = (0..<nodeCount).filter { sizes[$0] > 1 && graph.layerOfNode[$0] > 0 }
        let members = Dictionary(grouping: grouped) { partition.blockOfNode[$0] }
        let domain = network.inputDomain ?? 0...1
        var batch = Matrix(rows: 64, columns: network.inputWidth)
        for i in batch.values.indices {
            batch.values[i] = domain.lowerBound + (domain.upperBound - domain.lowerBound) * Float(rng.next() % 1_000_000) / 1_000_000
        }
        let outputs = try network.forwardAll(batch).values
        func output(_ v: Int, _ s: Int) -> Double {
            let id = graph.neuron(v)
            return Double(outputs[id.layer][s, id.index])
        }
        var mismatches = 0, checked = 0
        var errors: [Double] = []
        for _ in 0..<(grouped.isEmpty ? 0 : count / 2) {
            let u = grouped[Int(rng.next() % UInt64(grouped.count))]
            let block = members[partition.blockOfNode[u]] ?? [u]
            let v = block[Int(rng.next() % UInt64(block.count))]
            guard let c = query(u, v) else { continue }
            var worst = 0.0
            for s in 0..<batch.rows {
                let a = output(u, s), b = c * output(v, s)
                worst = max(worst, abs(a - b) / (1 + max(abs(a), abs(b))))
            }
            if worst > 1e-3 { mismatches += 1 }
            errors.append(worst)
            checked += 1
        }
        let sample = PairSample.random(layerOffsets: graph.layerOffsets, count: count - checked, domain: .sameLayer,
                                       seed: seed &+ 1, eligible: isQueryable)
        var rawPairs = 0
        for i in 0..<sample.count {
            let u = Int(sample.sources[i]), v = Int(sample.targets[i])
            checked += 1
            guard u != v, Self.rawProportional(graph, u, v, homogeneous: graph.activations[Int(graph.layerOfNode[u])].isPositivelyHomogeneous,
                                       tolerance: partition.tolerance / 10) else { continue }
            rawPairs += 1
            if query(u, v) == nil { mismatches += 1 }
        }
        return Verification(checked: checked, mismatches: mismatches,
                            reference: "forward pass (equal labels) and raw signatures (proportional pairs)",
                            errors: errors, notes: ["proportional_raw_pairs": Double(rawPairs)])
    }

    /// Whether the incoming signatures of `u` and `v` (weights by source, then bias),
    /// each divided by its largest absolute entry, agree within `tolerance` in max-norm
    /// (for non-homogeneous activations the raw signatures must agree). O(fan-in).
    static func rawProportional(_ graph: NeuronGraph, _ u: Int, _ v: Int, homogeneous: Bool, tolerance: Double) -> Bool {
        func signature(_ x: Int) -> [Int32: Double] {
            var entries: [Int32: Double] = [-1: Double(graph.bias[x])]
            for e in graph.inEdges(x) { entries[graph.inSources[e]] = Double(graph.inWeights[e]) }
            return entries
        }
        let a = signature(u), b = signature(v)
        let scaleA = homogeneous ? a.values.map(abs).max() ?? 0 : 1
        let scaleB = homogeneous ? b.values.map(abs).max() ?? 0 : 1
        guard scaleA > 0, scaleB > 0 else { return false }
        for key in Set(a.keys).union(b.keys) where abs((a[key] ?? 0) / scaleA - (b[key] ?? 0) / scaleB) > tolerance {
            return false
        }
        return true
    }
}
