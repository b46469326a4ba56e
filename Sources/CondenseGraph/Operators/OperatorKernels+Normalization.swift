import CondenseCore
import Foundation

extension OperatorKernels {
    /// `BatchNormalization` at inference: `scale * (x - mean) / sqrt(var + epsilon) + B` per channel (axis 1).
    static func batchNormalization(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        guard t.rank >= 2 else { throw .shapeMismatch("node '\(node.displayName)' (BatchNormalization): input \(t.shape) has no channel axis") }
        let (a, b) = try batchNormalizationAffine(node, x, channels: t.shape[1])
        let inner = t.shape.dropFirst(2).reduce(1, *), channels = t.shape[1]
        var v = try t.floats("BatchNormalization input")
        v.withUnsafeMutableBufferPointer { p in
            var base = 0
            while base < p.count {
                for c in 0..<channels {
                    let (ac, bc) = (a[c], b[c])
                    for i in base..<(base + inner) { p[i] = p[i] * ac + bc }
                    base += inner
                }
            }
        }
        return GraphTensor(shape: t.shape, floats: v)
    }

    /// BatchNormalization as a per-channel affine map `y = a[c] x + b[c]` (for folding and intervals).
    public static func batchNormalizationAffine(_ node: GraphNode, _ x: [GraphTensor?], channels: Int) throws(CondenseError) -> ([Float], [Float]) {
        var p: [[Float]] = []
        for (i, role) in ["scale", "B", "mean", "var"].enumerated() {
            let v = try required(x, i + 1, node).floats("\(role) of \(node.displayName)")
            guard v.count == channels || v.count == 1 else {
                throw .shapeMismatch("node '\(node.displayName)' (BatchNormalization): \(role) has \(v.count) values for \(channels) channels")
            }
            p.append(v.count == 1 ? [Float](repeating: v[0], count: channels) : v)
        }
        let epsilon = try node.float("epsilon", 1e-5)
        var a = [Float](repeating: 0, count: channels), b = a
        for c in 0..<channels {
            guard p[3][c] + epsilon > 0 else { throw node.fail("variance of channel \(c) plus epsilon is not positive") }
            a[c] = p[0][c] / (p[3][c] + epsilon).squareRoot()
            b[c] = p[1][c] - p[2][c] * a[c]
        }
        return (a, b)
    }

    /// `Softmax` / `LogSoftmax`: before opset 13 over the flattened axes from `axis` (default 1), from 13 along `axis` (default -1).
    static func softmax(_ node: GraphNode, _ x: [GraphTensor?], opset: Int, log: Bool) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let a = try axis(try node.int("axis", opset >= 13 ? -1 : 1), rank: t.rank, node)
        var v = try t.floats("\(node.opType) input")
        let inner: Int, length: Int
        if opset >= 13 {
            length = t.shape[a]
            inner = t.shape.dropFirst(a + 1).reduce(1, *)
        } else {
            length = t.shape.dropFirst(a).reduce(1, *)
            inner = 1
        }
        guard length > 0 else { return t }
        let outer = v.count / (length * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * length * inner + i
                var m = -Float.infinity
                for k in 0..<length { m = max(m, v[base + k * inner]) }
                var sum: Float = 0
                for k in 0..<length { sum += exp(v[base + k * inner] - m) }
                let logSum = Foundation.log(sum)
                for k in 0..<length {
                    let z = v[base + k * inner] - m
                    v[base + k * inner] = log ? z - logSum : exp(z) / sum
                }
            }
        }
        return GraphTensor(shape: t.shape, floats: v)
    }

    static func reduceMean(_ node: GraphNode, _ x: [GraphTensor?], opset: Int) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let keep = try node.int("keepdims", 1) != 0
        var axes = try axesOperand(node, x, opset: opset, inputFrom: 18) ?? []
        if axes.isEmpty {
            if try node.int("noop_with_empty_axes", 0) != 0 { return t }
            axes = (0..<t.rank).map { Int64($0) }
        }
        var reduced = Set<Int>()
        for a in axes { reduced.insert(try axis(a, rank: t.rank, node)) }
        let v = try t.floats("ReduceMean input")
        let outShape = t.shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        var sums = [Double](repeating: 0, count: outShape.reduce(1, *))
        let outStrides = Broadcasting.strides(outShape, to: t.shape)
        var index = [Int](repeating: 0, count: t.rank)
        var offset = 0
        for value in v {
            sums[offset] += Double(value)
            var axis = t.rank - 1
            while axis >= 0 {
                index[axis] += 1
                offset += outStrides[axis]
                if index[axis] < t.shape[axis] { break }
                offset -= outStrides[axis] * t.shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        let n = Double(reduced.reduce(1) { $0 * t.shape[$1] })
        let shape = keep ? outShape : t.shape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element)
        return GraphTensor(shape: shape, floats: sums.map { Float($0 / max(n, 1)) })
    }

    static func argMax(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let a = try axis(try node.int("axis", 0), rank: t.rank, node)
        let keep = try node.int("keepdims", 1) != 0, last = try node.int("select_last_index", 0) != 0
        let v = try t.floats("ArgMax input")
        let length = t.shape[a], inner = t.shape.dropFirst(a + 1).reduce(1, *)
        guard length > 0 else { throw node.fail("ArgMax over an empty axis") }
        let outer = t.shape.prefix(a).reduce(1, *)
        var out: [Int64] = []
        out.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                var best = 0
                var bestValue = v[o * length * inner + i]
                for k in 1..<max(length, 1) {
                    let value = v[(o * length + k) * inner + i]
                    if value > bestValue || (last && value == bestValue) { best = k; bestValue = value }
                }
                out.append(Int64(best))
            }
        }
        var shape = t.shape
        if keep { shape[a] = 1 } else { shape.remove(at: a) }
        return GraphTensor(shape: shape, ints: out)
    }
}
