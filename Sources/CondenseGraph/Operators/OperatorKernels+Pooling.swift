import CondenseCore

extension OperatorKernels {
    enum PoolKind { case max, average }

    /// `MaxPool` / `AveragePool` over one or two spatial axes (pads, strides, dilations,
    /// `ceil_mode`, `count_include_pad`). O(N · C · oH · oW · kH · kW).
    static func pool(_ node: GraphNode, _ x: [GraphTensor?], kind: PoolKind) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        guard t.rank == 3 || t.rank == 4 else { throw node.fail("Condense pools 1-D and 2-D inputs; got \(t.shape)") }
        let kernel = try node.ints("kernel_shape")!.map { Int($0) }
        let g = try WindowGeometry(node, input: Array(t.shape.dropFirst(2)), kernel: kernel,
                                   ceilMode: try node.int("ceil_mode", 0) != 0)
        let includePad = try node.int("count_include_pad", 0) != 0
        let out = pooled(try t.floats("\(node.opType) input"), planes: t.shape[0] * t.shape[1], geometry: g,
                         kind: kind, includePad: includePad)
        return GraphTensor(shape: [t.shape[0], t.shape[1]] + (t.rank == 3 ? [g.output[1]] : g.output), floats: out)
    }

    /// Pooling on raw planes (shared with interval propagation, where both kinds are monotone).
    /// The window's rows and columns inside the image are found once per output, so the inner
    /// loops have no bounds test. O(planes · oH · oW · kH · kW).
    static func pooled(_ v: [Float], planes: Int, geometry g: WindowGeometry, kind: PoolKind, includePad: Bool) -> [Float] {
        let (h, w) = (g.input[0], g.input[1]), (oh, ow) = (g.output[0], g.output[1])
        let (kh, kw) = (g.kernel[0], g.kernel[1]), (sh, sw) = (g.strides[0], g.strides[1])
        let (dh, dw) = (g.dilations[0], g.dilations[1])
        let (ph, pw) = (g.padsBegin[0], g.padsBegin[1])
        var out = [Float](repeating: 0, count: planes * oh * ow)
        // Window taps inside the image, and the padded count, per output row and column: once.
        let rowTaps = g.insideTaps(axis: 0), colTaps = g.insideTaps(axis: 1)
        let rowPadded = g.paddedTapCounts(axis: 0), colPadded = g.paddedTapCounts(axis: 1)
        let isMax = kind == .max
        // Every window inside the image, undilated (the usual 2x2 / 3x3 pooling): fixed loops.
        if ph == 0, pw == 0, dh == 1, dw == 1, (oh - 1) * sh + kh <= h, (ow - 1) * sw + kw <= w {
            let scale = 1 / Float(kh * kw)
            v.withUnsafeBufferPointer { pv in
                out.withUnsafeMutableBufferPointer { po in
                    var o = 0
                    for p in 0..<planes {
                        let base = pv.baseAddress! + p &* h &* w
                        for oi in 0..<oh {
                            let top = base + oi &* sh &* w
                            for oj in 0..<ow {
                                let corner = top + oj &* sw
                                if isMax {
                                    var best = corner[0]
                                    for ki in 0..<kh { let line = corner + ki &* w; for kj in 0..<kw { best = max(best, line[kj]) } }
                                    po[o] = best
                                } else {
                                    var sum: Float = 0
                                    for ki in 0..<kh { let line = corner + ki &* w; for kj in 0..<kw { sum += line[kj] } }
                                    po[o] = sum * scale
                                }
                                o &+= 1
                            }
                        }
                    }
                }
            }
            return out
        }
        v.withUnsafeBufferPointer { pv in
            out.withUnsafeMutableBufferPointer { po in
                for p in 0..<planes {
                    let base = pv.baseAddress! + p * h * w
                    for oi in 0..<oh {
                        let y0 = oi * sh - ph
                        let rows = rowTaps[oi]
                        for oj in 0..<ow {
                            let x0 = oj * sw - pw
                            let cols = colTaps[oj]
                            let o = (p * oh + oi) * ow + oj
                            if isMax {
                                var best = -Float.infinity
                                for ki in rows {
                                    let line = base + (y0 + ki * dh) * w + x0
                                    var kj = cols.lowerBound
                                    while kj < cols.upperBound { best = max(best, line[kj * dw]); kj += 1 }
                                }
                                po[o] = best
                            } else {
                                var sum: Float = 0
                                for ki in rows {
                                    let line = base + (y0 + ki * dh) * w + x0
                                    var kj = cols.lowerBound
                                    while kj < cols.upperBound { sum += line[kj * dw]; kj += 1 }
                                }
                                let count = includePad ? rowPadded[oi] * colPadded[oj] : rows.count * cols.count
                                po[o] = sum / Float(max(1, count))
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    static func globalAveragePool(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        guard t.rank >= 3 else { throw .shapeMismatch("node '\(node.displayName)' (GlobalAveragePool): input \(t.shape) has no spatial axes") }
        let v = try t.floats("GlobalAveragePool input")
        let planes = t.shape[0] * t.shape[1], size = t.shape.dropFirst(2).reduce(1, *)
        var out = [Float](repeating: 0, count: planes)
        for p in 0..<planes {
            var s: Float = 0
            for i in 0..<size { s += v[p * size + i] }
            out[p] = s / Float(max(size, 1))
        }
        return GraphTensor(shape: [t.shape[0], t.shape[1]] + [Int](repeating: 1, count: t.rank - 2), floats: out)
    }
}
