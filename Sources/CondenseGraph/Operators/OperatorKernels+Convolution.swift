import COpenBLAS
import CondenseCore

extension OperatorKernels {
    /// `Conv` over one or two spatial axes, with pads (explicit or `auto_pad`), strides,
    /// dilations and groups (depthwise included): im2col per image and group, then one
    /// `sgemm` of the group's kernels against the columns. O(N · M · C/g · kH · kW · oH · oW).
    static func conv(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node), w = try required(x, 1, node)
        guard t.rank == 3 || t.rank == 4, w.rank == t.rank else {
            throw node.fail("Condense runs 1-D and 2-D convolutions; input \(t.shape), weights \(w.shape)")
        }
        let group = Int(try node.int("group", 1))
        let n = t.shape[0], c = t.shape[1], m = w.shape[0], cg = w.shape[1]
        guard c % group == 0, m % group == 0, cg == c / group else {
            throw .shapeMismatch("node '\(node.displayName)' (Conv): input \(t.shape), weights \(w.shape) and group \(group) do not fit")
        }
        let spatial = Array(t.shape.dropFirst(2)), kernel = Array(w.shape.dropFirst(2))
        if let k = try node.ints("kernel_shape"), k.map({ Int($0) }) != kernel {
            throw .shapeMismatch("node '\(node.displayName)' (Conv): kernel_shape \(k) disagrees with weights \(w.shape)")
        }
        let g = try WindowGeometry(node, input: spatial, kernel: kernel)
        let bias = try optional(x, 2).map { (b) throws(CondenseError) in try b.floats("Conv bias") }
        if let bias, bias.count != m { throw .shapeMismatch("node '\(node.displayName)' (Conv): bias has \(bias.count) values for \(m) channels") }
        let out = convolve(input: try t.floats("Conv input"), n: n, c: c, geometry: g, weights: try w.floats("Conv weights"),
                           m: m, group: group, bias: bias)
        return GraphTensor(shape: [n, m] + (t.rank == 3 ? [g.output[1]] : g.output), floats: out)
    }

    /// The convolution itself on raw NCHW buffers (shared with interval propagation).
    ///
    /// Images are taken in chunks: the windows of every image of a chunk are unfolded side by
    /// side into one `(C/g·kH·kW) x (images·oH·oW)` matrix (im2col, at most about 1 M values),
    /// and each group's kernels multiply it in one `sgemm`, whose `[M/g, images·oH·oW]` result is
    /// scattered back to NCHW with the bias. One large product instead of one per image keeps
    /// OpenBLAS in its fast kernels. O(N · M · C/g · kH · kW · oH · oW).
    public static func convolve(input: [Float], n: Int, c: Int, geometry g: WindowGeometry, weights: [Float],
                                m: Int, group: Int, bias: [Float]?) -> [Float] {
        // Per-tap products need enough input channels to keep sgemm efficient (K = C).
        if group == 1, c >= 8, g.strides == [1, 1], g.dilations == [1, 1], g.kernel[0] * g.kernel[1] > 1 {
            return convolveShifted(input: input, n: n, c: c, geometry: g, weights: weights, m: m, bias: bias)
        }
        let (h, w) = (g.input[0], g.input[1]), (kh, kw) = (g.kernel[0], g.kernel[1])
        let (oh, ow) = (g.output[0], g.output[1])
        let cg = c / group, mg = m / group, kSize = cg * kh * kw, positions = oh * ow
        guard n > 0, positions > 0, m > 0 else { return [Float](repeating: 0, count: n * m * positions) }
        // Every element of these buffers is written before it is read: no zero fill.
        var out = uninitialized(n * m * positions)
        let chunk = max(1, min(n, (1 << 20) / max(1, kSize * positions)))
        var columns = uninitialized(kSize * chunk * positions)
        var product = uninitialized(mg * chunk * positions)
        input.withUnsafeBufferPointer { pin in
            weights.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { pout in
                    columns.withUnsafeMutableBufferPointer { pc in
                        product.withUnsafeMutableBufferPointer { pp in
                            var first = 0
                            while first < n {
                                let images = min(chunk, n - first)
                                let width = images * positions
                                for gi in 0..<group {
                                    // Columns: row r, image i, position p at r·width + i·positions + p.
                                    for i in 0..<images {
                                        let source = pin.baseAddress! + ((first + i) * c + gi * cg) * h * w
                                        im2col(source, channels: cg, g, into: pc.baseAddress! + i * positions, rowStride: width)
                                    }
                                    sgemm(pw.baseAddress! + gi * mg * kSize, pc.baseAddress!, pp.baseAddress!,
                                          m: mg, n: width, k: kSize)
                                    for i in 0..<images {
                                        for local in 0..<mg {
                                            let channel = gi * mg + local
                                            let b = bias?[channel] ?? 0
                                            let from = pp.baseAddress! + local * width + i * positions
                                            let to = pout.baseAddress! + ((first + i) * m + channel) * positions
                                            for p in 0..<positions { to[p] = from[p] + b }
                                        }
                                    }
                                }
                                first += images
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// A stride-1, undilated, ungrouped convolution without im2col.
    ///
    /// The images of a chunk are padded once into a `C x (images·Hp·Wp)` matrix (channel-major,
    /// each image a padded `Hp x Wp` plane). Then, for each kernel tap `(ki, kj)`, the output in
    /// "padded width" `O'[m, img·Hp·Wp + i·Wp + j]` gains `W[:, :, ki, kj] · P` read from offset
    /// `ki·Wp + kj`: a contiguous window of every row of `P`, so one `sgemm` per tap covers
    /// the whole chunk. Columns past the valid output (`j >= oW`, `i >= oH`) are computed and
    /// dropped when `O'` is copied to NCHW with the bias. O(N · M · C · kH · kW · Hp · Wp).
    static func convolveShifted(input: [Float], n: Int, c: Int, geometry g: WindowGeometry, weights: [Float],
                                m: Int, bias: [Float]?) -> [Float] {
        let (h, w) = (g.input[0], g.input[1]), (kh, kw) = (g.kernel[0], g.kernel[1])
        let (oh, ow) = (g.output[0], g.output[1])
        let (pt, pl) = (g.padsBegin[0], g.padsBegin[1])
        let hp = h + g.padsBegin[0] + g.padsEnd[0], wp = w + g.padsBegin[1] + g.padsEnd[1]
        let plane = hp * wp, taps = kh * kw
        var out = uninitialized(n * m * oh * ow)
        guard n > 0, m > 0, oh > 0, ow > 0 else { return out }
        // Kernels per tap, [M x C] each.
        var tapWeights = uninitialized(taps * m * c)
        for t in 0..<taps { for o in 0..<m { for ch in 0..<c { tapWeights[(t * m + o) * c + ch] = weights[(o * c + ch) * taps + t] } } }
        let chunk = max(1, min(n, (1 << 21) / max(1, (c + m) * plane)))
        let slack = kw + wp * kh  // windows of the last plane may read past it (into junk rows)
        var padded = [Float](repeating: 0, count: c * chunk * plane + slack)
        var product = uninitialized(m * chunk * plane)
        input.withUnsafeBufferPointer { pin in
            tapWeights.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { pout in
                    padded.withUnsafeMutableBufferPointer { pp in
                        product.withUnsafeMutableBufferPointer { pr in
                            var first = 0
                            while first < n {
                                let images = min(chunk, n - first)
                                let width = images * plane, stride = chunk * plane
                                // Pad: row ch of P holds every image's padded plane side by side.
                                for ch in 0..<c {
                                    for i in 0..<images {
                                        let source = pin.baseAddress! + ((first + i) * c + ch) * h * w
                                        let target = pp.baseAddress! + ch * stride + i * plane
                                        for y in 0..<h {
                                            (target + (y + pt) * wp + pl).update(from: source + y * w, count: w)
                                        }
                                    }
                                }
                                for t in 0..<taps {
                                    let offset = (t / kw) * wp + (t % kw)
                                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(width), Int32(c), 1,
                                                pw.baseAddress! + t * m * c, Int32(c), pp.baseAddress! + offset, Int32(stride),
                                                t == 0 ? 0 : 1, pr.baseAddress!, Int32(width))
                                }
                                for i in 0..<images {
                                    for o in 0..<m {
                                        let b = bias?[o] ?? 0
                                        let from = pr.baseAddress! + o * width + i * plane
                                        let to = pout.baseAddress! + ((first + i) * m + o) * oh * ow
                                        for y in 0..<oh {
                                            let row = from + y * wp, dest = to + y * ow
                                            for x in 0..<ow { dest[x] = row[x] + b }
                                        }
                                    }
                                }
                                first += images
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// A buffer of `count` floats left uninitialised, for outputs whose every element is written before it is read.
    package static func uninitialized(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Unfolds the windows of a `channels x H x W` image into a `(channels·kH·kW) x (oH·oW)` matrix (zero padding);
    /// row `r` starts at `r · rowStride` (default `oH·oW`), so several images can sit side by side.
    /// Each output row is split into the columns whose input lies inside the image (copied
    /// without a test per element) and the padded ones (zeros). O(channels · kH · kW · oH · oW).
    package static func im2col(_ source: UnsafePointer<Float>, channels: Int, _ g: WindowGeometry, into columns: UnsafeMutablePointer<Float>,
                       rowStride: Int? = nil) {
        let (h, w) = (g.input[0], g.input[1]), (kh, kw) = (g.kernel[0], g.kernel[1])
        let (oh, ow) = (g.output[0], g.output[1])
        let (sh, sw) = (g.strides[0], g.strides[1]), dh = g.dilations[0], ph = g.padsBegin[0]
        var row = 0
        for ch in 0..<channels {
            let plane = source + ch * h * w
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let dest = columns + row * (rowStride ?? oh * ow)
                    // Output columns oj with 0 <= oj·sw - pw + kj·dw < w.
                    let (shift, first, last) = g.insideColumns(kernelColumn: kj)
                    for oi in 0..<oh {
                        let y = oi * sh - ph + ki * dh
                        let line = dest + oi * ow
                        if y < 0 || y >= h || first >= last {
                            line.update(repeating: 0, count: ow)
                            continue
                        }
                        if first > 0 { line.update(repeating: 0, count: first) }
                        if last < ow { (line + last).update(repeating: 0, count: ow - last) }
                        let src = plane + y * w + shift
                        if sw == 1, last - first >= 64 {
                            (line + first).update(from: src + first, count: last - first)
                        } else if sw == 1 {
                            // Short rows: a plain loop beats a memmove call.
                            var oj = first
                            while oj < last { line[oj] = src[oj]; oj &+= 1 }
                        } else {
                            var oj = first
                            while oj < last { line[oj] = src[oj * sw]; oj += 1 }
                        }
                    }
                    row += 1
                }
            }
        }
    }
}
