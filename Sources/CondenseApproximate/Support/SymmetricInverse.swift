import CondenseCore

/// The inverse of a symmetric positive definite matrix by Cholesky factorisation in double
/// precision (`A = L L^T`, then `A^-1 = L^-T L^-1`). O(n^3) time, O(n^2) memory.
enum SymmetricInverse {
    /// Inverts the `n x n` row-major matrix `a`; throws `internalError` when a pivot is not
    /// positive (the caller adds a ridge, so this means a bug or non-finite input).
    static func invert(_ a: [Double], size n: Int) throws(CondenseError) -> [Double] {
        var l = a
        for j in 0..<n {
            var d = l[j * n + j]
            for k in 0..<j { d -= l[j * n + k] * l[j * n + k] }
            guard d > 0, d.isFinite else {
                throw .internalError("covariance matrix is not positive definite at pivot \(j)")
            }
            let root = d.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<n {
                var s = l[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        // L^-1, lower triangular, by forward substitution column by column.
        var inverseL = [Double](repeating: 0, count: n * n)
        for c in 0..<n {
            inverseL[c * n + c] = 1 / l[c * n + c]
            for i in (c + 1)..<n {
                var s = 0.0
                for k in c..<i { s -= l[i * n + k] * inverseL[k * n + c] }
                inverseL[i * n + c] = s / l[i * n + i]
            }
        }
        // A^-1 = L^-T L^-1: entry (i, j) = sum over k >= max(i, j) of L^-1[k, i] L^-1[k, j].
        var inverse = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = 0.0
                for k in i..<n { s += inverseL[k * n + i] * inverseL[k * n + j] }
                inverse[i * n + j] = s
                inverse[j * n + i] = s
            }
        }
        return inverse
    }
}
