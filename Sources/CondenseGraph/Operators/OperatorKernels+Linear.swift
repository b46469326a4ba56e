import COpenBLAS
import CondenseCore

extension OperatorKernels {
    /// Row-major `C[m x n] = A[m x k] * B[k x n]` (optionally transposed operands) with OpenBLAS.
    package static func sgemm(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                      m: Int, n: Int, k: Int, transA: Bool = false, transB: Bool = false,
                      alpha: Float = 1, beta: Float = 0) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in 0..<(m * n) { c[i] = beta == 0 ? 0 : c[i] * beta }
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(transA ? m : k), b, Int32(transB ? k : n),
                    beta, c, Int32(n))
    }

    /// `Gemm`: `alpha * A' * B' + beta * C`, with `C` broadcast to the output.
    static func gemm(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let a = try required(x, 0, node), b = try required(x, 1, node)
        guard a.rank == 2, b.rank == 2 else {
            throw .shapeMismatch("node '\(node.displayName)' (Gemm): A \(a.shape) and B \(b.shape) must be matrices")
        }
        let transA = try node.int("transA", 0) != 0, transB = try node.int("transB", 0) != 0
        let alpha = try node.float("alpha", 1), beta = try node.float("beta", 1)
        let m = transA ? a.shape[1] : a.shape[0], k = transA ? a.shape[0] : a.shape[1]
        let kb = transB ? b.shape[1] : b.shape[0], n = transB ? b.shape[0] : b.shape[1]
        guard k == kb else {
            throw .shapeMismatch("node '\(node.displayName)' (Gemm): A \(a.shape) and B \(b.shape) do not multiply (transA=\(transA ? 1 : 0), transB=\(transB ? 1 : 0))")
        }
        var out = [Float](repeating: 0, count: m * n)
        var cBeta: Float = 0
        if let c = try optional(x, 2) {
            let cv = try c.floats("Gemm input C")
            guard try Broadcasting.shape([m, n], c.shape, node: node) == [m, n] else {
                throw .shapeMismatch("node '\(node.displayName)' (Gemm): C \(c.shape) does not broadcast to [\(m), \(n)]")
            }
            out = Broadcasting.expand(cv, c.shape, to: [m, n])
            cBeta = beta
        }
        let av = try a.floats("Gemm input A"), bv = try b.floats("Gemm input B")
        av.withUnsafeBufferPointer { pa in
            bv.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { pc in
                    sgemm(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!, m: m, n: n, k: k,
                          transA: transA, transB: transB, alpha: alpha, beta: cBeta)
                }
            }
        }
        return GraphTensor(shape: [m, n], floats: out)
    }

    /// `MatMul` with NumPy semantics: 1-D operands are promoted, batch axes broadcast.
    static func matMul(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let a = try required(x, 0, node), b = try required(x, 1, node)
        guard a.rank >= 1, b.rank >= 1 else { throw .shapeMismatch("node '\(node.displayName)' (MatMul): scalar operand") }
        var sa = a.shape, sb = b.shape
        let promoteA = sa.count == 1, promoteB = sb.count == 1
        if promoteA { sa = [1, sa[0]] }
        if promoteB { sb = [sb[0], 1] }
        let m = sa[sa.count - 2], k = sa[sa.count - 1], kb = sb[sb.count - 2], n = sb[sb.count - 1]
        guard k == kb else {
            throw .shapeMismatch("node '\(node.displayName)' (MatMul): shapes \(a.shape) and \(b.shape) do not multiply")
        }
        let av = try a.floats("MatMul input A"), bv = try b.floats("MatMul input B")
        var outShape: [Int]
        var out: [Float]
        if sb.count == 2 {
            // The common case: any batch axes of A flatten into rows of one product.
            let rows = sa.dropLast().reduce(1, *)
            out = [Float](repeating: 0, count: rows * n)
            av.withUnsafeBufferPointer { pa in bv.withUnsafeBufferPointer { pb in out.withUnsafeMutableBufferPointer { pc in
                sgemm(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!, m: rows, n: n, k: k)
            } } }
            outShape = Array(sa.dropLast()) + [n]
        } else {
            let batchA = Array(sa.dropLast(2)), batchB = Array(sb.dropLast(2))
            let batch = try Broadcasting.shape(batchA, batchB, node: node)
            let count = batch.reduce(1, *)
            let ta = Broadcasting.strides(batchA, to: batch), tb = Broadcasting.strides(batchB, to: batch)
            out = [Float](repeating: 0, count: count * m * n)
            for t in 0..<count {
                var rest = t, offA = 0, offB = 0
                for axis in stride(from: batch.count - 1, through: 0, by: -1) {
                    let i = rest % batch[axis]
                    rest /= batch[axis]
                    offA += i * ta[axis]
                    offB += i * tb[axis]
                }
                av.withUnsafeBufferPointer { pa in bv.withUnsafeBufferPointer { pb in out.withUnsafeMutableBufferPointer { pc in
                    sgemm(pa.baseAddress! + offA * m * k, pb.baseAddress! + offB * k * n, pc.baseAddress! + t * m * n,
                          m: m, n: n, k: k)
                } } }
            }
            outShape = batch + [m, n]
        }
        if promoteA { outShape.remove(at: outShape.count - 2) }
        if promoteB { outShape.removeLast() }
        return GraphTensor(shape: outShape, floats: out)
    }
}
