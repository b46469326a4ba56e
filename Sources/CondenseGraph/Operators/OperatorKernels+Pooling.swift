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
    static func pooled(_ v: [Float], planes: Int, geometry g: WindowGeometry, kind: PoolKind, includePad: Bool) -> [Float] {
        let (h, w) = (g.input[0], g.input[1]), (oh, ow) = (g.output[0], g.output[1])
        var out = [Float](repeating: 0, count: planes * oh * ow)
        for p in 0..<planes {
            let base = p * h * w
            for oi in 0..<oh {
                for oj in 0..<ow {
                    var best = -Float.infinity, sum: Float = 0, real = 0, padded = 0
                    for ki in 0..<g.kernel[0] {
                        let y = oi * g.strides[0] - g.padsBegin[0] + ki * g.dilations[0]
                        if y < -g.padsBegin[0] || y >= h + g.padsEnd[0] { continue }
                        for kj in 0..<g.kernel[1] {
                            let xx = oj * g.strides[1] - g.padsBegin[1] + kj * g.dilations[1]
                            if xx < -g.padsBegin[1] || xx >= w + g.padsEnd[1] { continue }
                            padded += 1
                            if y >= 0, y < h, xx >= 0, xx < w {
                                let value = v[base + y * w + xx]
                                best = max(best, value)
                                sum += value
                                real += 1
                            }
                        }
                    }
                    let o = (p * oh + oi) * ow + oj
                    switch kind {
                    case .max: out[o] = best
                    case .average: out[o] = sum / Float(max(1, includePad ? padded : real))
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
