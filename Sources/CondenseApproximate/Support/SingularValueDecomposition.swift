import COpenBLAS
import CondenseCore

/// The thin singular value decomposition of a matrix by LAPACK `sgesdd` (divide and
/// conquer; Golub & Van Loan, "Matrix Computations", §8.6), and its truncations (the best
/// rank-`r` approximations in Frobenius norm, Eckart–Young). O(min(m, n) m n).
struct SingularValueDecomposition {
    let rows: Int, columns: Int
    /// Singular values, decreasing.
    let values: [Float]
    /// Column-major factors of `M = W^T` (`columns x rows` in `W`'s terms): `u` is
    /// `columns x k`, `vt` is `k x rows`, with `k = min(rows, columns)`.
    private let u: [Float]
    private let vt: [Float]

    init(_ w: Matrix) throws(CondenseError) {
        // Row-major `w` (rows x columns) is column-major `M = w^T` (columns x rows);
        // truncating `M` and reading the result back row-major truncates `w`.
        rows = w.rows
        columns = w.columns
        var m = Int32(w.columns), n = Int32(w.rows)
        let k = Int(min(m, n))
        var a = w.values
        var lda = max(1, m), ldu = max(1, m), ldvt = Int32(max(1, k))
        var s = [Float](repeating: 0, count: k)
        var u = [Float](repeating: 0, count: Int(m) * k)
        var vt = [Float](repeating: 0, count: k * Int(n))
        var jobz = Int8(UInt8(ascii: "S"))
        var info: Int32 = 0, query: Int32 = -1
        var workSize: Float = 0
        var iwork = [Int32](repeating: 0, count: max(1, 8 * k))
        sgesdd_(&jobz, &m, &n, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &workSize, &query, &iwork, &info)
        guard info == 0 else { throw .internalError("sgesdd workspace query failed (info \(info))") }
        var lwork = Int32(workSize)
        var work = [Float](repeating: 0, count: max(1, Int(workSize)))
        sgesdd_(&jobz, &m, &n, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &iwork, &info)
        guard info == 0 else { throw .internalError("sgesdd did not converge (info \(info))") }
        values = s
        self.u = u
        self.vt = vt
    }

    /// The best rank-`rank` approximation of the original matrix (row-major). O(rank m n).
    func reconstruction(rank: Int) -> Matrix {
        let k = values.count, r = min(rank, k)
        var out = Matrix(rows: rows, columns: columns)
        for i in 0..<rows {
            for j in 0..<columns {
                var value: Float = 0
                for t in 0..<r { value += u[t * columns + j] * values[t] * vt[i * k + t] }
                out.values[i * columns + j] = value
            }
        }
        return out
    }
}
