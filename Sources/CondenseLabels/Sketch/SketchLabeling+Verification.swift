import CondenseCore

extension SketchLabeling {
    /// Compares the estimated cosine of every same-layer pair with both signatures nonzero
    /// against the exact cosine of the incoming signatures of `graph`. O(pairs · fan-in).
    public func verify(pairs: PairSample, graph: LayeredDAG) -> Verification {
        verify(pairs: pairs, reference: "exact cosine of incoming weights and bias") { u, v in
            Self.incomingCosine(graph, u, v)
        }
    }

    /// The same against the exact cosine of the activation vectors. O(pairs · samples).
    public func verify(pairs: PairSample, activations: [Matrix]) -> Verification {
        var firstNode = [0]
        for m in activations { firstNode.append(firstNode[firstNode.count - 1] + m.columns) }
        return verify(pairs: pairs, reference: "exact cosine of activation vectors") { u, v in
            let l = Int(layerOfNode[u])
            let m = activations[l], i = u - firstNode[l], j = v - firstNode[l]
            var dot = 0.0, nu = 0.0, nv = 0.0
            for s in 0..<m.rows {
                let a = Double(m.values[s * m.columns + i]), b = Double(m.values[s * m.columns + j])
                dot += a * b
                nu += a * a
                nv += b * b
            }
            return dot / (nu * nv).squareRoot()
        }
    }

    private func verify(pairs: PairSample, reference: String, exact: (Int, Int) -> Double) -> Verification {
        var errors: [Double] = []
        var signed = 0.0
        for i in 0..<pairs.count {
            let u = Int(pairs.sources[i]), v = Int(pairs.targets[i])
            guard let estimate = query(u, v) else { continue }
            let error = estimate - exact(u, v)
            errors.append(error)
            signed += error
        }
        let bias = errors.isEmpty ? 0 : signed / Double(errors.count)
        return Verification(checked: errors.count, mismatches: nil, reference: reference, errors: errors,
                            notes: ["mean_signed_error": bias, "bits": Double(bitCount)])
    }

    /// Cosine of the incoming signatures `(w_{·u}, b_u)` and `(w_{·v}, b_v)`: a merge of the
    /// two source-sorted in-edge lists. O(fan-in).
    static func incomingCosine(_ graph: LayeredDAG, _ u: Int, _ v: Int) -> Double {
        var dot = Double(graph.bias[u]) * Double(graph.bias[v])
        var nu = Double(graph.bias[u]) * Double(graph.bias[u]), nv = Double(graph.bias[v]) * Double(graph.bias[v])
        var i = graph.inOffsets[u], j = graph.inOffsets[v]
        let iEnd = graph.inOffsets[u + 1], jEnd = graph.inOffsets[v + 1]
        for e in i..<iEnd { nu += Double(graph.inWeights[e]) * Double(graph.inWeights[e]) }
        for e in j..<jEnd { nv += Double(graph.inWeights[e]) * Double(graph.inWeights[e]) }
        while i < iEnd && j < jEnd {
            if graph.inSources[i] == graph.inSources[j] {
                dot += Double(graph.inWeights[i]) * Double(graph.inWeights[j])
                i += 1
                j += 1
            } else if graph.inSources[i] < graph.inSources[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return dot / (nu * nv).squareRoot()
    }
}
