import CondenseCore
import CondenseGraph

/// **Identity, Dropout (at inference), Flatten, Reshape, Squeeze, Unsqueeze, Cast between
/// float types, Transpose, Concat**: reshapes pass the gradient unchanged (the element order
/// is the same), Transpose applies the inverse permutation, Concat hands each input its
/// slice. Cost: O(size).
enum ShapeGradient: GradientRule {
    static let operators: Set<String> = ["Identity", "Dropout", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Cast",
                                         "Transpose", "Concat"]

    static func gradients(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        var result = [[Float]?](repeating: nil, count: s.inputs.count)
        switch s.node.opType {
        case "Transpose":
            guard s.needs(0) else { return result }
            let rank = s.output.rank
            let perm = (try s.node.ints("perm")).map { $0.map { Int($0) } } ?? Array((0..<rank).reversed())
            var inverse = [Int](repeating: 0, count: rank)
            for (i, p) in perm.enumerated() { inverse[p] = i }
            let g = OperatorKernels.permute(GraphTensor(shape: s.output.shape, floats: s.outputGradient), inverse)
            result[0] = try g.floats("gradient")
        case "Concat":
            let rank = s.output.rank
            let axis = try OperatorKernels.axis(try s.node.int("axis", 0), rank: rank, s.node)
            let outer = s.output.shape.prefix(axis).reduce(1, *), inner = s.output.shape.dropFirst(axis + 1).reduce(1, *)
            let total = s.output.shape[axis]
            var offset = 0
            for (k, t) in s.inputs.enumerated() {
                guard let t else { continue }
                let length = t.shape[axis]
                if s.needs(k) {
                    var g = [Float]()
                    g.reserveCapacity(outer * length * inner)
                    for o in 0..<outer {
                        let start = (o * total + offset) * inner
                        g.append(contentsOf: s.outputGradient[start..<(start + length * inner)])
                    }
                    result[k] = g
                }
                offset += length
            }
        case "Cast":
            if let to = ElementType(rawValue: Int32(try s.node.int("to", 1))), !to.isFloatingPoint { return result }
            if s.needs(0) { result[0] = s.outputGradient }
        default:
            if s.needs(0) { result[0] = s.outputGradient }
        }
        return result
    }
}
