import CondenseCore

/// Greedy backward elimination of regressors for a multi-output least-squares fit: at
/// each step the neuron whose removal raises the residual least goes, and its share is
/// redistributed over all the others by the least-squares (Gauss–Markov) update — an
/// affine merge of the removed neuron into a combination of the kept ones. This is the
/// neuron-level form of Optimal Brain Surgeon (Hassibi & Stork, NeurIPS 1992) for the
/// layer reconstruction loss, with the covariance inverse down-dated in place.
///
/// With `C` the (ridge-regularised) covariance of the layer's activations, `T` their
/// cross-covariance with the targets, `B = C^-1 T` and `P = C^-1`, removing neuron `j`
/// raises the mean squared residual by `||B_j||^2 / P_jj`; then
/// `B -= P_{:,j} B_j / P_jj` and `P -= P_{:,j} P_{j,:} / P_jj`. The coefficient of kept
/// neuron `i` in the regression of `a_j` on the kept ones is `-P_ij / P_jj`.
///
/// Time O(N n^2 + N n k) for the covariances (`sgemm`), O(n^3) to invert, O(n (n + k))
/// per removal, for `N` samples, `n` neurons and `k` targets. Memory O(n^2 + n k).
struct GreedyElimination {
    /// One removal, in order.
    struct Step {
        var neuron: Int
        /// Increase of the mean squared residual, relative to the targets' total variance.
        var relativeCost: Double
        /// The kept neuron with the largest share `|c_ij| sd_i` in the regression of `a_j`.
        var partner: Int?
        var factor: Double?
    }

    private(set) var steps: [Step] = []
    private var inverse: [Double]
    private var coefficients: [Double]
    private var alive: [Bool]
    private let standardDeviation: [Double]
    private let n: Int, k: Int
    private let energy: Double

    /// Prepares the elimination of the columns of `activations` (`N x n`) as regressors
    /// of `targets` (`N x k`), with ridge `ridge * mean variance`.
    init(activations a: Matrix, targets y: Matrix, ridge: Double) throws(CondenseError) {
        let n = a.columns, k = y.columns
        self.n = n
        self.k = k
        var covariance = DenseAlgebra.covariance(a, a)
        let meanVariance = (0..<n).reduce(0) { $0 + covariance[$1 * n + $1] } / Double(max(1, n))
        let lambda = max(ridge * meanVariance, 1e-12)
        for i in 0..<n { covariance[i * n + i] += lambda }
        standardDeviation = (0..<n).map { covariance[$0 * n + $0].squareRoot() }
        let inverse = try SymmetricInverse.invert(covariance, size: n)
        self.inverse = inverse
        let cross = DenseAlgebra.covariance(a, y)
        var b = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for j in 0..<n where inverse[i * n + j] != 0 {
                let p = inverse[i * n + j]
                for t in 0..<k { b[i * k + t] += p * cross[j * k + t] }
            }
        }
        coefficients = b
        alive = [Bool](repeating: true, count: n)
        let targetVariance = DenseAlgebra.covariance(y, y)
        energy = max((0..<k).reduce(0) { $0 + targetVariance[$1 * k + $1] }, 1e-30)
    }

    /// Removes `count` neurons (at most all but one). O(count n (n + k)).
    mutating func eliminate(_ count: Int) {
        for _ in 0..<min(count, alive.filter { $0 }.count - 1) { removeCheapest() }
    }

    private mutating func removeCheapest() {
        var best = -1, bestCost = Double.infinity
        for j in 0..<n where alive[j] {
            let pjj = inverse[j * n + j]
            var s = 0.0
            for t in 0..<k { s += coefficients[j * k + t] * coefficients[j * k + t] }
            let cost = pjj > 0 ? s / pjj : .infinity
            if best < 0 || cost < bestCost { best = j; bestCost = cost }
        }
        let j = best, pjj = inverse[j * n + j]
        var partner: Int?, share = 0.0
        for i in 0..<n where alive[i] && i != j {
            let s = abs(inverse[i * n + j] / pjj) * standardDeviation[i]
            if partner == nil || s > share { partner = i; share = s }
        }
        steps.append(Step(neuron: j, relativeCost: bestCost / energy, partner: partner,
                          factor: partner.map { -inverse[$0 * n + j] / pjj }))
        let column = (0..<n).map { inverse[$0 * n + j] }
        let row = (0..<k).map { coefficients[j * k + $0] }
        for i in 0..<n where alive[i] && column[i] != 0 {
            let scale = column[i] / pjj
            for t in 0..<k { coefficients[i * k + t] -= scale * row[t] }
            for c in 0..<n where alive[c] { inverse[i * n + c] -= scale * column[c] }
        }
        alive[j] = false
        for i in 0..<n { inverse[i * n + j] = 0; inverse[j * n + i] = 0 }
        for t in 0..<k { coefficients[j * k + t] = 0 }
    }
}
