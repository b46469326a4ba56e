import CondenseCore

/// What merging compares in one layer: each neuron's activation profile on calibration
/// data (centred, so a merge is affine: `a_j ≈ c a_i + d`), or, data-free, its incoming
/// signature (weights and bias; `z_j ≈ c z_i` with `c > 0`, exact for positively
/// homogeneous activations when the residual is zero).
struct MergeProfiles {
    /// One row per neuron.
    let vectors: Matrix
    /// Mean activation of each neuron (0 data-free).
    let means: [Double]
    /// `||vector||^2 * weight` of each neuron: its variance, or its squared signature norm.
    let energy: [Double]
    /// `1 / samples` for profiles, 1 for signatures.
    let weight: Double
    /// Whether a merge needs `c > 0` (data-free: the activation must commute with the scale).
    let positiveFactorOnly: Bool

    /// Centred activation profiles: `activations` has one row per sample. O(samples * width).
    init(activations a: Matrix) {
        let means = DenseAlgebra.columnMeans(a)
        var centred = a.transposed
        for i in 0..<centred.rows {
            for s in 0..<centred.columns { centred.values[i * centred.columns + s] -= Float(means[i]) }
        }
        vectors = centred
        self.means = means
        weight = 1 / Double(max(1, a.rows))
        energy = DenseAlgebra.rowSquaredNorms(centred).map { $0 * (1 / Double(max(1, a.rows))) }
        positiveFactorOnly = false
    }

    /// Incoming signatures (rows), data-free. O(parameters of the layer).
    init(signatures: Matrix) {
        vectors = signatures
        means = [Double](repeating: 0, count: signatures.rows)
        weight = 1
        energy = DenseAlgebra.rowSquaredNorms(signatures)
        positiveFactorOnly = true
    }

    /// The least-squares merge of `j` into `i`: factor `c`, offset `d` and the weighted
    /// squared residual `||v_j - c v_i||^2`, or `nil` when no admissible factor exists. O(d).
    func fit(_ j: Int, onto i: Int) -> (factor: Double, offset: Double, residual: Double)? {
        let d = vectors.columns
        var dot = 0.0
        vectors.values.withUnsafeBufferPointer { p in
            for s in 0..<d { dot += Double(p[i * d + s]) * Double(p[j * d + s]) }
        }
        let ei = energy[i] / weight
        guard ei > 0 else { return nil }
        let c = dot / ei
        guard c.isFinite, !positiveFactorOnly || c > 0 else { return nil }
        let residual = max(0, energy[j] - weight * dot * dot / ei)
        return (c, means[j] - c * means[i], residual)
    }
}
