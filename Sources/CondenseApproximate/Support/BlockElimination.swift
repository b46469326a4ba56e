import CondenseCore

/// Greedy backward elimination of column **blocks** by least squares (group Optimal Brain
/// Surgeon: Hassibi & Stork, NIPS 1992, on a layer's reconstruction; as in ThiNet's setting
/// but with the refit counted): a consumer computes `Y = X W` from design columns grouped
/// into blocks (one block per input unit: its kernel taps, or its features); removing block
/// `B` and re-fitting the rest by least squares raises the squared error by
/// `tr(W_Bᵀ (H_BB)⁻¹ W_B)` with `H = (XᵀX)⁻¹`. The cheapest block goes, then `W` and `H` are
/// updated in closed form for the remaining blocks, so each step is exact.
///
/// O(n³) to invert the `n × n` Gram matrix once, then per step O(Σ b³ + n² b) for blocks of size `b`.
struct BlockElimination {
    /// Design columns of each block.
    let blocks: [[Int]]

    /// The blocks to remove, `count` of them, in order. `design` is `rows × n` (centred here, so
    /// the intercept re-fit is free), `weights` `n × outputs` row-major (the consumer's current weights).
    func eliminate(design x: Matrix, weights: [Float], outputs: Int, count: Int, ridge: Double = 1e-4) throws(CondenseError) -> [Int] {
        try eliminateWithCosts(design: x, weights: weights, outputs: outputs, count: count, ridge: ridge).order
    }

    /// The order of removal and, for each step, the error it adds relative to the energy of
    /// the consumer's (centred) output `‖X W‖²`, so that steps of different layers compare.
    func eliminateWithCosts(design x: Matrix, weights: [Float], outputs: Int, count: Int,
                            ridge: Double = 1e-4) throws(CondenseError) -> (order: [Int], relativeCosts: [Double]) {
        let n = x.columns, m = x.rows
        guard m > 0, n > 0 else { return ([], []) }
        var means = [Double](repeating: 0, count: n)
        for i in 0..<m { for j in 0..<n { means[j] += Double(x[i, j]) } }
        for j in 0..<n { means[j] /= Double(m) }
        var centred = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { centred[i * n + j] = Float(Double(x[i, j]) - means[j]) } }
        let gram = DenseAlgebra.product(Matrix(rows: m, columns: n, values: centred), Matrix(rows: m, columns: n, values: centred),
                                        transposeA: true)
        var g = gram.values.map(Double.init)
        var energy = 0.0
        for o in 0..<outputs {
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += g[i * n + j] * Double(weights[j * outputs + o]) }
                energy += Double(weights[i * outputs + o]) * s
            }
        }
        energy = max(energy, 1e-30)
        let trace = (0..<n).reduce(0.0) { $0 + g[$1 * n + $1] } / Double(n)
        for i in 0..<n { g[i * n + i] += ridge * max(trace, 1e-12) }
        var h = try SymmetricInverse.invert(g, size: n)
        var w = weights.map(Double.init)
        var alive = Set(blocks.indices)
        var removed: [Int] = []
        var costs: [Double] = []
        while removed.count < count, !alive.isEmpty {
            var best = -1
            var bestCost = Double.infinity
            var bestInverse: [Double] = []
            for b in alive.sorted() {
                let cols = blocks[b]
                guard !cols.isEmpty else { best = b; bestCost = 0; bestInverse = []; break }
                let k = cols.count
                var sub = [Double](repeating: 0, count: k * k)
                for (p, i) in cols.enumerated() { for (q, j) in cols.enumerated() { sub[p * k + q] = h[i * n + j] } }
                let inv = try SymmetricInverse.invert(sub, size: k)
                var cost = 0.0
                for o in 0..<outputs {
                    for p in 0..<k {
                        var s = 0.0
                        for q in 0..<k { s += inv[p * k + q] * w[cols[q] * outputs + o] }
                        cost += w[cols[p] * outputs + o] * s
                    }
                }
                if cost < bestCost { bestCost = cost; best = b; bestInverse = inv }
            }
            guard best >= 0 else { break }
            let cols = blocks[best], k = cols.count
            if k > 0 {
                // T = H[:, B] (H_BB)⁻¹  (n × k); W -= T W_B; H -= T H[B, :].
                var t = [Double](repeating: 0, count: n * k)
                for i in 0..<n { for q in 0..<k {
                    var s = 0.0
                    for p in 0..<k { s += h[i * n + cols[p]] * bestInverse[p * k + q] }
                    t[i * k + q] = s
                } }
                let wb = cols.map { c in (0..<outputs).map { w[c * outputs + $0] } }
                let hb = cols.map { c in (0..<n).map { h[c * n + $0] } }
                for i in 0..<n {
                    for q in 0..<k where t[i * k + q] != 0 {
                        let f = t[i * k + q]
                        for o in 0..<outputs { w[i * outputs + o] -= f * wb[q][o] }
                        for j in 0..<n { h[i * n + j] -= f * hb[q][j] }
                    }
                }
                for c in cols { for o in 0..<outputs { w[c * outputs + o] = 0 } }
            }
            alive.remove(best)
            removed.append(best)
            costs.append(max(0, bestCost) / energy)
        }
        return (removed, costs)
    }
}
