import CondenseCore
import CondenseGraph

/// **Gemm and MatMul**: `dA = dY·B'ᵀ`, `dB = A'ᵀ·dY` (in each operand's own orientation,
/// `transA`/`transB` and `alpha` honoured), `dC = beta · dY` summed over broadcast axes.
/// MatMul takes a 2-D right operand (any batch axes of the left flatten into rows) or equal
/// batch axes on both sides. Cost: two `sgemm`s of the forward product's size.
enum LinearGradient: GradientRule {
    static let operators: Set<String> = ["Gemm", "MatMul"]

    static func gradients(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        s.node.opType == "Gemm" ? try gemm(s) : try matMul(s)
    }

    static func gemm(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        let a = try s.input(0), b = try s.input(1)
        let transA = try s.node.int("transA", 0) != 0, transB = try s.node.int("transB", 0) != 0
        let alpha = try s.node.float("alpha", 1), beta = try s.node.float("beta", 1)
        let m = transA ? a.shape[1] : a.shape[0], k = transA ? a.shape[0] : a.shape[1]
        let n = transB ? b.shape[0] : b.shape[1]
        let av = try s.floats(0), bv = try s.floats(1), gy = s.outputGradient
        var result: [[Float]?] = [nil, nil, nil]
        if s.needs(0) {
            var ga = [Float](repeating: 0, count: m * k)
            multiply(gy, bv, &ga, transA ? (k, m, n, transB, true) : (m, k, n, false, !transB), swapped: transA, alpha: alpha)
            result[0] = ga
        }
        if s.needs(1) {
            var gb = [Float](repeating: 0, count: k * n)
            if transB {
                // dB (n x k) = dYᵀ · A'
                gy.withUnsafeBufferPointer { g in av.withUnsafeBufferPointer { p in gb.withUnsafeMutableBufferPointer { r in
                    OperatorKernels.sgemm(g.baseAddress!, p.baseAddress!, r.baseAddress!, m: n, n: k, k: m,
                                          transA: true, transB: transA, alpha: alpha)
                } } }
            } else {
                // dB (k x n) = A'ᵀ · dY
                av.withUnsafeBufferPointer { p in gy.withUnsafeBufferPointer { g in gb.withUnsafeMutableBufferPointer { r in
                    OperatorKernels.sgemm(p.baseAddress!, g.baseAddress!, r.baseAddress!, m: k, n: n, k: m,
                                          transA: !transA, transB: false, alpha: alpha)
                } } }
            }
            result[1] = gb
        }
        if s.needs(2), let c = s.inputs.count > 2 ? s.inputs[2] : nil {
            var gc = GradientRules.reduce(gy, from: [m, n], to: c.shape)
            if beta != 1 { for i in gc.indices { gc[i] *= beta } }
            result[2] = gc
        }
        return result
    }

    /// dA for Gemm: `(m x k) = dY (m x n) · B'ᵀ`, or, when A is stored transposed,
    /// `(k x m) = B' · dYᵀ`. `shape` is (rows, columns, inner, transpose first, transpose second).
    private static func multiply(_ gy: [Float], _ bv: [Float], _ ga: inout [Float],
                                 _ shape: (Int, Int, Int, Bool, Bool), swapped: Bool, alpha: Float) {
        let (rows, columns, inner, t1, t2) = shape
        gy.withUnsafeBufferPointer { g in bv.withUnsafeBufferPointer { p in ga.withUnsafeMutableBufferPointer { r in
            if swapped {
                OperatorKernels.sgemm(p.baseAddress!, g.baseAddress!, r.baseAddress!, m: rows, n: columns, k: inner,
                                      transA: t1, transB: t2, alpha: alpha)
            } else {
                OperatorKernels.sgemm(g.baseAddress!, p.baseAddress!, r.baseAddress!, m: rows, n: columns, k: inner,
                                      transA: t1, transB: t2, alpha: alpha)
            }
        } } }
    }

    static func matMul(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        let a = try s.input(0), b = try s.input(1)
        guard a.rank >= 2, b.rank >= 2 else {
            throw s.node.fail("fine-tuning differentiates MatMul of matrices (and batches of them); shapes \(a.shape) and \(b.shape)")
        }
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1], n = b.shape[b.rank - 1]
        let av = try s.floats(0), bv = try s.floats(1), gy = s.outputGradient
        var result: [[Float]?] = [nil, nil]
        if b.rank == 2 {
            let rows = av.count / max(k, 1)
            if s.needs(0) {
                var ga = [Float](repeating: 0, count: rows * k)
                gy.withUnsafeBufferPointer { g in bv.withUnsafeBufferPointer { p in ga.withUnsafeMutableBufferPointer { r in
                    OperatorKernels.sgemm(g.baseAddress!, p.baseAddress!, r.baseAddress!, m: rows, n: k, k: n, transB: true)
                } } }
                result[0] = ga
            }
            if s.needs(1) {
                var gb = [Float](repeating: 0, count: k * n)
                av.withUnsafeBufferPointer { p in gy.withUnsafeBufferPointer { g in gb.withUnsafeMutableBufferPointer { r in
                    OperatorKernels.sgemm(p.baseAddress!, g.baseAddress!, r.baseAddress!, m: k, n: n, k: rows, transA: true)
                } } }
                result[1] = gb
            }
            return result
        }
        guard a.shape.dropLast(2) == b.shape.dropLast(2) else {
            throw s.node.fail("fine-tuning differentiates batched MatMul only with equal batch axes; shapes \(a.shape) and \(b.shape)")
        }
        let batches = a.shape.dropLast(2).reduce(1, *)
        var ga = [Float](repeating: 0, count: s.needs(0) ? av.count : 0)
        var gb = [Float](repeating: 0, count: s.needs(1) ? bv.count : 0)
        gy.withUnsafeBufferPointer { g in av.withUnsafeBufferPointer { pa in bv.withUnsafeBufferPointer { pb in
            ga.withUnsafeMutableBufferPointer { ra in gb.withUnsafeMutableBufferPointer { rb in
                for t in 0..<batches {
                    if s.needs(0) {
                        OperatorKernels.sgemm(g.baseAddress! + t * m * n, pb.baseAddress! + t * k * n, ra.baseAddress! + t * m * k,
                                              m: m, n: k, k: n, transB: true)
                    }
                    if s.needs(1) {
                        OperatorKernels.sgemm(pa.baseAddress! + t * m * k, g.baseAddress! + t * m * n, rb.baseAddress! + t * k * n,
                                              m: k, n: n, k: m, transA: true)
                    }
                }
            } }
        } } }
        if s.needs(0) { result[0] = ga }
        if s.needs(1) { result[1] = gb }
        return result
    }
}
