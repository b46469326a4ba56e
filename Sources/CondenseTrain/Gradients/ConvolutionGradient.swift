import CondenseCore
import CondenseGraph

/// **Conv** (1-D and 2-D; pads, `auto_pad`, strides, dilations, groups): the images of a
/// chunk are unfolded side by side (im2col, as in the forward pass), then per group
/// `dW += dY_g · colsᵀ` and `dcols = W_gᵀ · dY_g`, folded back onto the input (col2im);
/// `dbias` sums `dY` per channel. Cost: two `sgemm`s of the forward product's size plus
/// O(N · C · kH · kW · oH · oW) for unfolding and folding.
enum ConvolutionGradient: GradientRule {
    static let operators: Set<String> = ["Conv"]

    static func gradients(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        let x = try s.input(0), w = try s.input(1)
        let group = Int(try s.node.int("group", 1))
        let n = x.shape[0], c = x.shape[1], m = w.shape[0]
        let g = try WindowGeometry(s.node, input: Array(x.shape.dropFirst(2)), kernel: Array(w.shape.dropFirst(2)))
        let (h, wd) = (g.input[0], g.input[1])
        let cg = c / group, mg = m / group, kSize = cg * g.kernel[0] * g.kernel[1], positions = g.output[0] * g.output[1]
        let xv = try s.floats(0), wv = try s.floats(1), gy = s.outputGradient
        let needX = s.needs(0), needW = s.needs(1)
        var gx = [Float](repeating: 0, count: needX ? xv.count : 0)
        var gw = [Float](repeating: 0, count: needW ? wv.count : 0)
        if (needX || needW), n > 0, positions > 0 {
            let chunk = max(1, min(n, (1 << 20) / max(1, kSize * positions)))
            var columns = OperatorKernels.uninitialized(kSize * chunk * positions)
            var slice = OperatorKernels.uninitialized(mg * chunk * positions)
            xv.withUnsafeBufferPointer { px in wv.withUnsafeBufferPointer { pw in gy.withUnsafeBufferPointer { pg in
                gx.withUnsafeMutableBufferPointer { rx in gw.withUnsafeMutableBufferPointer { rw in
                    columns.withUnsafeMutableBufferPointer { pc in slice.withUnsafeMutableBufferPointer { ps in
                        var first = 0
                        while first < n {
                            let images = min(chunk, n - first), width = images * positions
                            for gi in 0..<group {
                                // dY of this group: row `local`, image i, position p at local·width + i·positions + p.
                                for i in 0..<images {
                                    for local in 0..<mg {
                                        let from = pg.baseAddress! + ((first + i) * m + gi * mg + local) * positions
                                        (ps.baseAddress! + local * width + i * positions).update(from: from, count: positions)
                                    }
                                }
                                if needW {
                                    for i in 0..<images {
                                        let source = px.baseAddress! + ((first + i) * c + gi * cg) * h * wd
                                        OperatorKernels.im2col(source, channels: cg, g, into: pc.baseAddress! + i * positions, rowStride: width)
                                    }
                                    OperatorKernels.sgemm(ps.baseAddress!, pc.baseAddress!, rw.baseAddress! + gi * mg * kSize,
                                                          m: mg, n: kSize, k: width, transB: true, beta: 1)
                                }
                                if needX {
                                    OperatorKernels.sgemm(pw.baseAddress! + gi * mg * kSize, ps.baseAddress!, pc.baseAddress!,
                                                          m: kSize, n: width, k: mg, transA: true)
                                    for i in 0..<images {
                                        let target = rx.baseAddress! + ((first + i) * c + gi * cg) * h * wd
                                        col2im(pc.baseAddress! + i * positions, channels: cg, g, into: target, rowStride: width)
                                    }
                                }
                            }
                            first += images
                        }
                    } }
                } }
            } } }
        }
        var gb: [Float]?
        if s.needs(2) {
            var sums = [Float](repeating: 0, count: m)
            gy.withUnsafeBufferPointer { pg in
                for i in 0..<n { for o in 0..<m {
                    let base = pg.baseAddress! + (i * m + o) * positions
                    var t: Float = 0
                    for p in 0..<positions { t += base[p] }
                    sums[o] += t
                } }
            }
            gb = sums
        }
        return [needX ? gx : nil, needW ? gw : nil, gb]
    }

    /// The adjoint of `im2col`: adds each column entry back onto the input pixel its window
    /// read (padding reads are dropped). O(channels · kH · kW · oH · oW).
    static func col2im(_ columns: UnsafePointer<Float>, channels: Int, _ g: WindowGeometry,
                       into image: UnsafeMutablePointer<Float>, rowStride: Int) {
        let (h, w) = (g.input[0], g.input[1]), (kh, kw) = (g.kernel[0], g.kernel[1])
        let (oh, ow) = (g.output[0], g.output[1])
        let (sh, sw) = (g.strides[0], g.strides[1]), dh = g.dilations[0], ph = g.padsBegin[0]
        var row = 0
        for ch in 0..<channels {
            let plane = image + ch * h * w
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let source = columns + row * rowStride
                    let (shift, first, last) = g.insideColumns(kernelColumn: kj)
                    if first < last {
                        for oi in 0..<oh {
                            let y = oi * sh - ph + ki * dh
                            guard y >= 0, y < h else { continue }
                            let line = source + oi * ow, target = plane + y * w + shift
                            if sw == 1 {
                                var oj = first
                                while oj < last { target[oj] += line[oj]; oj &+= 1 }
                            } else {
                                var oj = first
                                while oj < last { target[oj &* sw] += line[oj]; oj &+= 1 }
                            }
                        }
                    }
                    row += 1
                }
            }
        }
    }
}
