import COpenBLAS
import CondenseCore

/// Ridge-regularised linear least squares with an intercept, solved by LAPACK `sgelsd`
/// (SVD-based, minimum norm; Golub & Van Loan, "Matrix Computations", §5.5):
/// `min ||X C + 1 c0^T - Y||^2 + lambda ||C||^2` over coefficients `C` and intercepts `c0`.
///
/// The ridge is applied by appending `sqrt(lambda) I` rows to the design (the intercept
/// column unpenalised), with `lambda = ridge * mean squared column norm of X`, so that
/// `ridge` is scale-free. Time O((m + n) n^2 + (m + n) n k) for `m` samples, `n` features
/// and `k` targets; memory O((m + n)(n + k)).
enum LeastSquares {
    /// The fitted coefficients (`features x targets`, row-major) and intercepts (`targets`).
    struct Fit {
        var coefficients: Matrix
        var intercepts: [Float]
    }

    /// Fits `targets` (`m x k`) from `design` (`m x n`), rows are samples.
    static func fit(design x: Matrix, targets y: Matrix, ridge: Double) throws(CondenseError) -> Fit {
        guard x.rows == y.rows, x.rows > 0 else {
            throw .internalError("least squares: \(x.rows) design rows for \(y.rows) target rows")
        }
        let m = x.rows, n = x.columns, k = y.columns
        let squaredNorms = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + Double(x[$1, j]) * Double(x[$1, j]) } }
        let lambda = ridge * max(squaredNorms.reduce(0, +) / Double(max(1, n)), 1e-12)
        let rows = m + n, columns = n + 1
        // Column-major design [X 1; sqrt(lambda) I 0] and targets [Y; 0].
        var a = [Float](repeating: 0, count: rows * columns)
        for j in 0..<n {
            for i in 0..<m { a[j * rows + i] = x.values[i * n + j] }
            a[j * rows + m + j] = Float(lambda.squareRoot())
        }
        for i in 0..<m { a[n * rows + i] = 1 }
        var b = [Float](repeating: 0, count: rows * k)
        for t in 0..<k { for i in 0..<m { b[t * rows + i] = y.values[i * k + t] } }
        try solve(&a, rows: rows, columns: columns, &b, targets: k)
        var coefficients = Matrix(rows: n, columns: k)
        for j in 0..<n { for t in 0..<k { coefficients[j, t] = b[t * rows + j] } }
        let intercepts = (0..<k).map { b[$0 * rows + n] }
        guard coefficients.values.allSatisfy(\.isFinite), intercepts.allSatisfy(\.isFinite) else {
            throw .internalError("least squares produced non-finite coefficients")
        }
        return Fit(coefficients: coefficients, intercepts: intercepts)
    }

    /// Calls `sgelsd` on column-major `a` (`rows x columns`) and `b` (`rows x targets`),
    /// leaving the solution in the first `columns` rows of `b`.
    private static func solve(_ a: inout [Float], rows: Int, columns: Int, _ b: inout [Float], targets: Int)
        throws(CondenseError)
    {
        var m = Int32(rows), n = Int32(columns), nrhs = Int32(targets)
        var lda = m, ldb = Int32(max(rows, columns))
        var rcond: Float = 1e-7
        var rank: Int32 = 0, info: Int32 = 0
        var singular = [Float](repeating: 0, count: min(rows, columns))
        var workSize: Float = 0
        var iworkSize: Int32 = 0
        var query: Int32 = -1
        sgelsd_(&m, &n, &nrhs, &a, &lda, &b, &ldb, &singular, &rcond, &rank, &workSize, &query, &iworkSize, &info)
        guard info == 0 else { throw .internalError("sgelsd workspace query failed (info \(info))") }
        var lwork = Int32(workSize)
        var work = [Float](repeating: 0, count: max(1, Int(workSize)))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iworkSize)))
        sgelsd_(&m, &n, &nrhs, &a, &lda, &b, &ldb, &singular, &rcond, &rank, &work, &lwork, &iwork, &info)
        guard info == 0 else { throw .internalError("sgelsd failed to converge (info \(info))") }
    }
}
