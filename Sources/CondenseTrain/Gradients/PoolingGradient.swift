import CondenseCore
import CondenseGraph

/// **MaxPool, AveragePool, GlobalAveragePool, ReduceMean**: a max window passes its gradient
/// to the first element holding the maximum (as the forward pass picks it); an average
/// window spreads it evenly over the elements it counted (`count_include_pad` honoured);
/// a mean spreads it over the reduced axes. Cost: O(N · C · oH · oW · kH · kW) for windows,
/// O(input size) for the means.
enum PoolingGradient: GradientRule {
    static let operators: Set<String> = ["MaxPool", "AveragePool", "GlobalAveragePool", "ReduceMean"]

    static func gradients(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        guard s.needs(0) else { return [nil] }
        let x = try s.input(0), gy = s.outputGradient
        switch s.node.opType {
        case "GlobalAveragePool":
            let planes = x.shape[0] * x.shape[1], size = x.shape.dropFirst(2).reduce(1, *)
            var gx = [Float](repeating: 0, count: x.count)
            let scale = 1 / Float(max(size, 1))
            for p in 0..<planes { let v = gy[p] * scale; for i in 0..<size { gx[p * size + i] = v } }
            return [gx]
        case "ReduceMean":
            // The output with the reduced axes kept as 1 (keepdims or not, the elements agree).
            let count = max(1, gy.count)
            let shape = try keptShape(s, x)
            let scale = Float(count) / Float(max(x.count, 1))
            return [Broadcasting.expand(gy, shape, to: x.shape).map { $0 * scale }]
        default:
            return [try window(s, x)]
        }
    }

    private static func keptShape(_ s: BackwardStep, _ x: GraphTensor) throws(CondenseError) -> [Int] {
        if s.output.rank == x.rank { return s.output.shape }
        // keepdims = 0: put the reduced axes back as 1 (the axes read as the forward pass reads them).
        var axes = try OperatorKernels.axesOperand(s.node, s.inputs, opset: s.opset, inputFrom: 18) ?? []
        if axes.isEmpty { axes = (0..<x.rank).map { Int64($0) } }
        var reduced = Set<Int>()
        for a in axes { reduced.insert(try OperatorKernels.axis(a, rank: x.rank, s.node)) }
        return x.shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
    }

    private static func window(_ s: BackwardStep, _ x: GraphTensor) throws(CondenseError) -> [Float] {
        let kernel = (try s.node.ints("kernel_shape") ?? []).map { Int($0) }
        let g = try WindowGeometry(s.node, input: Array(x.shape.dropFirst(2)), kernel: kernel,
                                   ceilMode: try s.node.int("ceil_mode", 0) != 0)
        let isMax = s.node.opType == "MaxPool"
        let includePad = try s.node.int("count_include_pad", 0) != 0
        let (h, w) = (g.input[0], g.input[1]), (oh, ow) = (g.output[0], g.output[1])
        let (kh, kw) = (g.kernel[0], g.kernel[1]), (sh, sw) = (g.strides[0], g.strides[1])
        let (dh, dw) = (g.dilations[0], g.dilations[1]), (ph, pw) = (g.padsBegin[0], g.padsBegin[1])
        let rowTaps = g.insideTaps(axis: 0), colTaps = g.insideTaps(axis: 1)
        let rowPadded = g.paddedTapCounts(axis: 0), colPadded = g.paddedTapCounts(axis: 1)
        let xv = try s.floats(0), gy = s.outputGradient
        let planes = x.shape[0] * x.shape[1]
        var gx = [Float](repeating: 0, count: xv.count)
        // Every window inside the image, undilated (the usual 2x2 / 3x3 pooling): fixed loops.
        if ph == 0, pw == 0, dh == 1, dw == 1, (oh - 1) * sh + kh <= h, (ow - 1) * sw + kw <= w {
            let share = 1 / Float(kh * kw)
            xv.withUnsafeBufferPointer { px in gy.withUnsafeBufferPointer { pg in gx.withUnsafeMutableBufferPointer { rx in
                var o = 0
                for p in 0..<planes {
                    let base = p &* h &* w
                    for oi in 0..<oh {
                        for oj in 0..<ow {
                            let corner = base &+ oi &* sh &* w &+ oj &* sw
                            let gradient = pg[o]
                            if isMax {
                                var at = corner, best = px[corner]
                                for ki in 0..<kh {
                                    let line = corner &+ ki &* w
                                    for kj in 0..<kw where px[line &+ kj] > best { best = px[line &+ kj]; at = line &+ kj }
                                }
                                rx[at] += gradient
                            } else {
                                let v = gradient * share
                                for ki in 0..<kh { let line = corner &+ ki &* w; for kj in 0..<kw { rx[line &+ kj] += v } }
                            }
                            o &+= 1
                        }
                    }
                }
            } } }
            return gx
        }
        xv.withUnsafeBufferPointer { px in gx.withUnsafeMutableBufferPointer { rx in
            for p in 0..<planes {
                let base = p * h * w
                for oi in 0..<oh {
                    let y0 = oi * sh - ph, rows = rowTaps[oi]
                    for oj in 0..<ow {
                        let x0 = oj * sw - pw, cols = colTaps[oj]
                        let gradient = gy[(p * oh + oi) * ow + oj]
                        if isMax {
                            var best = -Float.infinity, at = -1
                            for ki in rows { for kj in cols {
                                let i = base + (y0 + ki * dh) * w + x0 + kj * dw
                                if px[i] > best || at < 0 { best = px[i]; at = i }
                            } }
                            if at >= 0 { rx[at] += gradient }
                        } else {
                            let count = includePad ? rowPadded[oi] * colPadded[oj] : rows.count * cols.count
                            let share = gradient / Float(max(1, count))
                            for ki in rows { for kj in cols { rx[base + (y0 + ki * dh) * w + x0 + kj * dw] += share } }
                        }
                    }
                }
            }
        } }
        return gx
    }
}
