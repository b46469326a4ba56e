import CondenseCore

/// NumPy-style (multidirectional) broadcasting, as ONNX's element-wise operators use it.
package enum Broadcasting {
    /// The broadcast shape of `a` and `b`, or an error naming `node`.
    package static func shape(_ a: [Int], _ b: [Int], node: GraphNode) throws(CondenseError) -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else {
                throw .shapeMismatch("node '\(node.displayName)' (\(node.opType)): shapes \(a) and \(b) do not broadcast")
            }
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// Element strides of `shape` aligned to `outShape`, 0 on broadcast axes.
    package static func strides(_ shape: [Int], to outShape: [Int]) -> [Int] {
        let offset = outShape.count - shape.count
        var strides = [Int](repeating: 0, count: outShape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + offset] = shape[i] == 1 ? 0 : s
            s *= shape[i]
        }
        return strides
    }

    /// `f` applied element-wise over the broadcast of `a` (shape `sa`) and `b` (shape `sb`).
    /// O(output size); the innermost axis runs as a strided loop.
    package static func apply<T>(_ a: [T], _ sa: [Int], _ b: [T], _ sb: [Int], out outShape: [Int],
                         _ f: (T, T) -> T) -> [T] {
        let total = outShape.reduce(1, *)
        if total == 0 { return [] }
        if sa == sb, sa == outShape { return (0..<total).map { f(a[$0], b[$0]) } }
        if b.count == 1, sa == outShape { let y = b[0]; return a.map { f($0, y) } }
        if a.count == 1, sb == outShape { let x = a[0]; return b.map { f(x, $0) } }
        let rank = outShape.count
        let ta = strides(sa, to: outShape), tb = strides(sb, to: outShape)
        let inner = outShape[rank - 1], ia = ta[rank - 1], ib = tb[rank - 1]
        var result = [T]()
        result.reserveCapacity(total)
        var index = [Int](repeating: 0, count: rank)
        var oa = 0, ob = 0
        let outer = total / inner
        for _ in 0..<outer {
            var pa = oa, pb = ob
            for _ in 0..<inner {
                result.append(f(a[pa], b[pb]))
                pa += ia
                pb += ib
            }
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                oa += ta[axis]
                ob += tb[axis]
                if index[axis] < outShape[axis] { break }
                oa -= ta[axis] * outShape[axis]
                ob -= tb[axis] * outShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }

    /// `values` (shape `shape`) broadcast to `outShape`.
    package static func expand<T>(_ values: [T], _ shape: [Int], to outShape: [Int]) -> [T] {
        if shape == outShape { return values }
        return apply(values, shape, values.isEmpty ? [] : [values[0]], [1], out: outShape) { x, _ in x }
    }
}
