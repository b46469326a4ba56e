import COpenBLAS
import CondenseCore

/// Dense products on OpenBLAS for the reduction methods: every O(n^3)-shaped step of a
/// method is one `sgemm` call here.
enum DenseAlgebra {
    /// `op(a) * op(b)`, where `op` transposes when asked. Row-major. O(m n k).
    static func product(_ a: Matrix, _ b: Matrix, transposeA ta: Bool = false, transposeB tb: Bool = false) -> Matrix {
        let m = ta ? a.columns : a.rows
        let k = ta ? a.rows : a.columns
        let n = tb ? b.rows : b.columns
        var c = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return c }
        a.values.withUnsafeBufferPointer { ap in
            b.values.withUnsafeBufferPointer { bp in
                c.values.withUnsafeMutableBufferPointer { cp in
                    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), 1, ap.baseAddress, Int32(a.columns),
                                bp.baseAddress, Int32(b.columns), 0, cp.baseAddress, Int32(n))
                }
            }
        }
        return c
    }

    /// Mean of every column. O(rows x columns).
    static func columnMeans(_ a: Matrix) -> [Double] {
        var sums = [Double](repeating: 0, count: a.columns)
        a.values.withUnsafeBufferPointer { p in
            for r in 0..<a.rows {
                for c in 0..<a.columns { sums[c] += Double(p[r * a.columns + c]) }
            }
        }
        let n = Double(max(1, a.rows))
        return sums.map { $0 / n }
    }

    /// Centred second moments `A^T B / n - mean(A) mean(B)^T` in double precision
    /// (`a.columns x b.columns`, row-major), from one `sgemm`. O(n a.columns b.columns).
    static func covariance(_ a: Matrix, _ b: Matrix) -> [Double] {
        let product = product(a, b, transposeA: true)
        let ma = columnMeans(a), mb = columnMeans(b)
        let n = Double(max(1, a.rows))
        var out = [Double](repeating: 0, count: a.columns * b.columns)
        for i in 0..<a.columns {
            for j in 0..<b.columns {
                out[i * b.columns + j] = Double(product.values[i * b.columns + j]) / n - ma[i] * mb[j]
            }
        }
        return out
    }

    /// Squared Euclidean norm of every row. O(rows x columns).
    static func rowSquaredNorms(_ a: Matrix) -> [Double] {
        (0..<a.rows).map { r in a.row(r).reduce(0) { $0 + Double($1) * Double($1) } }
    }
}
