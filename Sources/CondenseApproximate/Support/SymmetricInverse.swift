import Foundation
import CondenseCore

/// The inverse of a symmetric positive definite matrix by Cholesky factorisation in double
/// precision (`A = L L^T`, then `A^-1 = L^-T L^-1`). O(n^3) time, O(n^2) memory.
enum SymmetricInverse {
    /// Inverts the `n x n` row-major matrix `a`. When the Cholesky factorisation fails (a
    /// singular covariance: constant or duplicated calibration features, a single sample,
    /// all-zero data), the matrix is regularised with a growing ridge `λ I` (from 1e-6 of its
    /// largest diagonal entry, ×100 per retry) and a warning goes to stderr; only non-finite
    /// input is an error.
    static func invert(_ a: [Double], size n: Int) throws(CondenseError) -> [Double] {
        if let inverse = try? choleskyInverse(a, size: n) { return inverse }
        guard a.allSatisfy(\.isFinite) else { throw .invalidData("the calibration covariance holds NaN or infinite values") }
        let largest = (0..<n).map { abs(a[$0 * n + $0]) }.max() ?? 0
        var lambda = max(largest * 1e-6, 1e-6)
        for _ in 0..<8 {
            var ridged = a
            for i in 0..<n { ridged[i * n + i] += lambda }
            if let inverse = try? choleskyInverse(ridged, size: n) {
                warnOnce()
                return inverse
            }
            lambda *= 100
        }
        throw .invalidData("the calibration covariance cannot be inverted even with a ridge; give more varied calibration data")
    }

    nonisolated(unsafe) private static var warned = false
    private static let warnLock = NSLock()

    /// One line on stderr, once per process.
    private static func warnOnce() {
        warnLock.withLock {
            guard !warned else { return }
            warned = true
            let message = "condense: warning: a calibration covariance is singular (degenerate data or too few samples); "
                + "solved with a ridge (Tikhonov) regularisation\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
    }

    static func choleskyInverse(_ a: [Double], size n: Int) throws(CondenseError) -> [Double] {
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
