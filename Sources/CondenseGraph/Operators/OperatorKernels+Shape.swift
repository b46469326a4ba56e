import CondenseCore

extension OperatorKernels {
    static func flatten(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let a = try axis(try node.int("axis", 1), rank: t.rank, node, allowEnd: true)
        let outer = t.shape.prefix(a).reduce(1, *)
        return t.reshaped([outer, t.shape.dropFirst(a).reduce(1, *)])
    }

    static func reshape(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let target = try required(x, 1, node).ints("the shape input of \(node.displayName)")
        let allowZero = try node.int("allowzero", 0) != 0
        var shape: [Int] = []
        var inferred: Int?
        for (i, d) in target.enumerated() {
            if d == -1 {
                guard inferred == nil else { throw node.fail("the target shape \(target) has more than one -1") }
                inferred = i
                shape.append(1)
            } else if d == 0 && !allowZero {
                guard i < t.rank else { throw node.fail("target shape \(target) copies axis \(i) of a rank-\(t.rank) input") }
                shape.append(t.shape[i])
            } else {
                guard d >= 0, d <= Int64(Int32.max) else { throw node.fail("target shape \(target) has a bad dimension \(d)") }
                shape.append(Int(d))
            }
        }
        let known = shape.reduce(1, *)
        if let i = inferred {
            guard known > 0, t.count % known == 0 else {
                throw .shapeMismatch("node '\(node.displayName)' (Reshape): cannot reshape \(t.shape) to \(target)")
            }
            shape[i] = t.count / known
        }
        guard shape.reduce(1, *) == t.count else {
            throw .shapeMismatch("node '\(node.displayName)' (Reshape): cannot reshape \(t.shape) (\(t.count) elements) to \(target)")
        }
        return t.reshaped(shape)
    }

    /// The permutation of `t` by `perm` (a general strided copy, O(size)).
    package static func permute(_ t: GraphTensor, _ perm: [Int]) -> GraphTensor {
        let rank = t.rank
        let outShape = perm.map { t.shape[$0] }
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * t.shape[i + 1] }
        let strides = perm.map { inStrides[$0] }
        func gathered<T>(_ v: [T]) -> [T] {
            guard !v.isEmpty else { return [] }
            var out = [T]()
            out.reserveCapacity(v.count)
            var index = [Int](repeating: 0, count: rank)
            var offset = 0
            for _ in 0..<v.count {
                out.append(v[offset])
                var axis = rank - 1
                while axis >= 0 {
                    index[axis] += 1
                    offset += strides[axis]
                    if index[axis] < outShape[axis] { break }
                    offset -= strides[axis] * outShape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
            return out
        }
        var out = t
        out.shape = outShape
        switch t.storage {
        case .float(let v): out.storage = .float(gathered(v))
        case .int64(let v): out.storage = .int64(gathered(v))
        case .string(let v): out.storage = .string(gathered(v))
        }
        return out
    }

    static func transpose(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let perm = try node.ints("perm").map { $0.map { Int($0) } } ?? Array((0..<t.rank).reversed())
        guard perm.count == t.rank, Set(perm) == Set(0..<t.rank) else {
            throw node.fail("perm \(perm) is not a permutation of the \(t.rank) axes")
        }
        return permute(t, perm)
    }

    /// The axes of `Squeeze`/`Unsqueeze`/`ReduceMean`: an attribute before `inputFrom`, else input 1.
    package static func axesOperand(_ node: GraphNode, _ x: [GraphTensor?], opset: Int, inputFrom: Int) throws(CondenseError) -> [Int64]? {
        if opset >= inputFrom, let t = try optional(x, 1) { return try t.ints("the axes input of \(node.displayName)") }
        return try node.ints("axes")
    }

    static func squeeze(_ node: GraphNode, _ x: [GraphTensor?], opset: Int) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        var drop = Set<Int>()
        if let axes = try axesOperand(node, x, opset: opset, inputFrom: 13) {
            for a in axes {
                let i = try axis(a, rank: t.rank, node)
                guard t.shape[i] == 1 else { throw node.fail("cannot squeeze axis \(a) of size \(t.shape[i])") }
                drop.insert(i)
            }
        } else {
            drop = Set(t.shape.indices.filter { t.shape[$0] == 1 })
        }
        return t.reshaped(t.shape.indices.filter { !drop.contains($0) }.map { t.shape[$0] })
    }

    static func unsqueeze(_ node: GraphNode, _ x: [GraphTensor?], opset: Int) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        guard let axes = try axesOperand(node, x, opset: opset, inputFrom: 13) else { throw node.fail("axes are required") }
        let rank = t.rank + axes.count
        var inserted = Set<Int>()
        for a in axes {
            let i = try axis(a, rank: rank, node)
            guard inserted.insert(i).inserted else { throw node.fail("axis \(a) is given twice") }
        }
        var shape: [Int] = []
        var source = t.shape.makeIterator()
        for i in 0..<rank { shape.append(inserted.contains(i) ? 1 : (source.next() ?? 1)) }
        return t.reshaped(shape)
    }

    static func concat(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let parts = x.compactMap { $0 }
        guard let first = parts.first else { throw node.fail("no inputs") }
        let a = try axis(try node.int("axis", 0), rank: first.rank, node)
        for p in parts where p.rank != first.rank || p.shape.enumerated().contains(where: { $0.offset != a && $0.element != first.shape[$0.offset] }) {
            throw .shapeMismatch("node '\(node.displayName)' (Concat): shapes \(first.shape) and \(p.shape) differ off axis \(a)")
        }
        let outer = first.shape.prefix(a).reduce(1, *)
        let blocks = parts.map { $0.shape.dropFirst(a).reduce(1, *) }
        var shape = first.shape
        shape[a] = parts.reduce(0) { $0 + $1.shape[a] }
        func joined<T>(_ arrays: [[T]]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(arrays.reduce(0) { $0 + $1.count })
            for o in 0..<outer { for (p, v) in arrays.enumerated() { out.append(contentsOf: v[(o * blocks[p])..<((o + 1) * blocks[p])]) } }
            return out
        }
        if parts.allSatisfy({ if case .int64 = $0.storage { return true } else { return false } }) {
            return GraphTensor(shape: shape, ints: joined(try parts.map { (p) throws(CondenseError) in try p.ints("Concat input") }),
                               elementType: first.elementType)
        }
        if parts.allSatisfy({ if case .string = $0.storage { return true } else { return false } }) {
            return GraphTensor(shape: shape, strings: joined(parts.map { if case .string(let s) = $0.storage { return s } else { return [] } }))
        }
        return GraphTensor(shape: shape, floats: joined(try parts.map { (p) throws(CondenseError) in try p.floats("Concat input") }))
    }

    static func cast(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let to = ElementType(rawValue: Int32(truncatingIfNeeded: try node.int("to", 1))) ?? .float
        switch (t.storage, to.isFloatingPoint) {
        case (.float(let v), true): return GraphTensor(shape: t.shape, floats: v, elementType: to)
        case (.int64(let v), true): return GraphTensor(shape: t.shape, floats: v.map { Float($0) }, elementType: to)
        case (.float(let v), false):
            if to == .bool { return GraphTensor(shape: t.shape, ints: v.map { $0 != 0 ? 1 : 0 }, elementType: .bool) }
            return GraphTensor(shape: t.shape, ints: v.map { f in
                guard f.isFinite else { return 0 }
                return Int64(exactly: f.rounded(.towardZero)) ?? (f < 0 ? Int64.min : Int64.max)
            }, elementType: to)
        case (.int64(let v), false):
            return GraphTensor(shape: t.shape, ints: to == .bool ? v.map { $0 != 0 ? 1 : 0 } : v, elementType: to)
        case (.string, _):
            throw node.fail("casting strings is not supported")
        }
    }

    static func shapeOf(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        var start = Int(try node.int("start", 0)), end = Int(try node.int("end", Int64(t.rank)))
        if start < 0 { start += t.rank }
        if end < 0 { end += t.rank }
        start = min(max(start, 0), t.rank)
        end = min(max(end, start), t.rank)
        let dims = t.shape[start..<end].map { Int64($0) }
        return GraphTensor(shape: [dims.count], ints: dims)
    }

    static func gather(_ node: GraphNode, _ x: [GraphTensor?]) throws(CondenseError) -> GraphTensor {
        let t = try required(x, 0, node)
        let indexTensor = try required(x, 1, node)
        let indices = try indexTensor.ints("the indices of \(node.displayName)")
        let a = try axis(try node.int("axis", 0), rank: t.rank, node)
        let size = t.shape[a]
        let outer = t.shape.prefix(a).reduce(1, *), inner = t.shape.dropFirst(a + 1).reduce(1, *)
        var resolved: [Int] = []
        for i in indices {
            let j = i < 0 ? Int(i) + size : Int(i)
            guard j >= 0, j < size else { throw node.fail("index \(i) is out of range for an axis of size \(size)") }
            resolved.append(j)
        }
        let shape = Array(t.shape.prefix(a)) + indexTensor.shape + Array(t.shape.dropFirst(a + 1))
        func picked<T>(_ v: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(outer * resolved.count * inner)
            for o in 0..<outer { for j in resolved { out.append(contentsOf: v[((o * size + j) * inner)..<((o * size + j + 1) * inner)]) } }
            return out
        }
        var out = t
        out.shape = shape
        switch t.storage {
        case .float(let v): out.storage = .float(picked(v))
        case .int64(let v): out.storage = .int64(picked(v))
        case .string(let v): out.storage = .string(picked(v))
        }
        return out
    }
}
