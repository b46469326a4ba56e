import CondenseCore

/// The `ai.onnx.ml` operators that skl2onnx emits around a scikit-learn model.
extension OperatorKernels {
    /// `Scaler`: `(x - offset) * scale`, per feature (last axis) or one value for all.
    static func scaler(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let (scale, offset) = try scalerParameters(node, features: t.shape.last ?? 1)
        var v = try t.floats("Scaler input")
        let c = scale.count
        for i in v.indices { v[i] = (v[i] - offset[i % c]) * scale[i % c] }
        return GraphTensor(shape: t.shape, floats: v)
    }

    /// The per-feature `scale` and `offset` of a `Scaler`, each of length `features`.
    public static func scalerParameters(_ node: GraphNode, features: Int) throws(CondenseError) -> ([Float], [Float]) {
        func values(_ key: String, _ fallback: Float) throws(CondenseError) -> [Float] {
            let v = try node.floats(key) ?? [fallback]
            if v.count == features { return v }
            if v.count == 1 { return [Float](repeating: v[0], count: features) }
            throw .shapeMismatch("node '\(node.displayName)' (Scaler): \(key) has \(v.count) values for \(features) features")
        }
        return (try values("scale", 1), try values("offset", 0))
    }

    /// `Normalizer`: each row divided by its max |x|, L1 or L2 norm (rows of norm 0 kept).
    static func normalizer(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let norm = try node.string("norm", "MAX")
        var v = try t.floats("Normalizer input")
        let width = t.shape.last ?? 1
        guard width > 0 else { return t }
        for r in 0..<(v.count / width) {
            let row = v[(r * width)..<((r + 1) * width)]
            let n: Float
            switch norm {
            case "L1": n = row.reduce(0) { $0 + abs($1) }
            case "L2": n = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            default: n = row.reduce(0) { max($0, abs($1)) }
            }
            if n > 0 { for i in (r * width)..<((r + 1) * width) { v[i] /= n } }
        }
        return GraphTensor(shape: t.shape, floats: v)
    }

    /// `ArrayFeatureExtractor`: the elements of the last axis at the given indices.
    static func arrayFeatureExtractor(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let indices = try required(x, 1, node).ints("the indices of \(node.displayName)")
        let width = t.shape.last ?? 1
        for i in indices where i < 0 || i >= width {
            throw node.fail("index \(i) is out of range for \(width) features")
        }
        let rows = width == 0 ? 0 : t.count / width
        func picked<T>(_ v: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(rows * indices.count)
            for r in 0..<rows { for i in indices { out.append(v[r * width + Int(i)]) } }
            return out
        }
        var out = t
        out.shape = t.rank <= 1 ? [1, indices.count] : Array(t.shape.dropLast()) + [indices.count]
        switch t.storage {
        case .float(let v): out.storage = .float(picked(v))
        case .int64(let v): out.storage = .int64(picked(v))
        case .string(let v): out.storage = .string(picked(v))
        }
        return out
    }
}
