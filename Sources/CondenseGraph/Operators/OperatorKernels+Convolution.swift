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
    public static func convolve(input: [Float], n: Int, c: Int, geometry g: WindowGeometry, weights: [Float],
                                m: Int, group: Int, bias: [Float]?) -> [Float] {
        let (h, w) = (g.input[0], g.input[1]), (kh, kw) = (g.kernel[0], g.kernel[1])
        let (oh, ow) = (g.output[0], g.output[1])
        let cg = c / group, mg = m / group, kSize = cg * kh * kw, positions = oh * ow
        var out = [Float](repeating: 0, count: n * m * positions)
        let pointwise = kh == 1 && kw == 1 && g.strides == [1, 1] && g.padsBegin == [0, 0] && g.padsEnd == [0, 0]
        var columns = [Float](repeating: 0, count: pointwise ? 0 : kSize * positions)
        input.withUnsafeBufferPointer { pin in
            weights.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { pout in
                    for image in 0..<n {
                        for gi in 0..<group {
                            let source = pin.baseAddress! + (image * c + gi * cg) * h * w
                            let target = pout.baseAddress! + (image * m + gi * mg) * positions
                            let kernels = pw.baseAddress! + gi * mg * kSize
                            if pointwise {
                                sgemm(kernels, source, target, m: mg, n: positions, k: kSize)
                                continue
                            }
                            columns.withUnsafeMutableBufferPointer { pc in
                                im2col(source, channels: cg, g, into: pc.baseAddress!)
                                sgemm(kernels, pc.baseAddress!, target, m: mg, n: positions, k: kSize)
                            }
                        }
                    }
                    if let bias {
                        for image in 0..<n {
                            for ch in 0..<m {
                                let base = (image * m + ch) * positions
                                let b = bias[ch]
                                for p in 0..<positions { pout[base + p] += b }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Unfolds the windows of a `channels x H x W` image into a `(channels·kH·kW) x (oH·oW)` matrix (zero padding).
    /// Each output row is split into the columns whose input lies inside the image (copied
    /// without a test per element) and the padded ones (zeros). O(channels · kH · kW · oH · oW).
    static func im2col(_ source: UnsafePointer<Float>, channels: Int, _ g: WindowGeometry, into columns: UnsafeMutablePointer<Float>) {
        let (h, w) = (g.input[0], g.input[1]), (kh, kw) = (g.kernel[0], g.kernel[1])
        let (oh, ow) = (g.output[0], g.output[1])
        let (sh, sw) = (g.strides[0], g.strides[1]), (dh, dw) = (g.dilations[0], g.dilations[1])
        let (ph, pw) = (g.padsBegin[0], g.padsBegin[1])
        var row = 0
        for ch in 0..<channels {
            let plane = source + ch * h * w
            for ki in 0..<kh {
                for kj in 0..<kw {
                    let dest = columns + row * oh * ow
                    // Output columns oj with 0 <= oj·sw - pw + kj·dw < w.
                    let shift = kj * dw - pw
                    let first = shift >= 0 ? 0 : min(ow, (-shift + sw - 1) / sw)
                    let last = w - shift <= 0 ? 0 : min(ow, (w - shift + sw - 1) / sw)
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
                        if sw == 1 {
                            (line + first).update(from: src + first, count: last - first)
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
