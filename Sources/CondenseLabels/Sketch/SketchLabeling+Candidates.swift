import CondenseCore

/// Candidate pairs of similar neurons proposed by LSH, struct of arrays.
public struct CandidatePairs: Sendable {
    public var first: [Int32] = []
    public var second: [Int32] = []
    /// Cosine similarity estimated from the two sketches.
    public var similarity: [Double] = []
    public var count: Int { first.count }
}

extension SketchLabeling {
    /// Proposes pairs of same-layer nodes with similar sketches by LSH banding (Indyk–Motwani;
    /// Leskovec, Rajaraman, Ullman, "Mining of Massive Datasets", §3.4): the `k` bits are cut
    /// into `bands` bands of `k / bands` bits, nodes are bucketed by (layer, band value), and
    /// nodes sharing a bucket in some band become candidates. A pair at angle `θ` is proposed
    /// with probability `1 - (1 - (1 - θ/π)^r)^bands`. Buckets larger than `maxBucket` (e.g.
    /// many identical sketches) only pair each node with its `maxBucket - 1` successors in
    /// sketch order, so the output stays O(V · bands · maxBucket) and never all pairs.
    /// Pairs below `minimumSimilarity` (estimated) are dropped. O(bands · V log V + output).
    public func candidatePairs(bands: Int = 16, maxBucket: Int = 32, minimumSimilarity: Double = -1)
        throws(CondenseError) -> CandidatePairs
    {
        guard bands >= 1, bands <= bitCount, bitCount / bands <= 64, maxBucket >= 2 else {
            throw .invalidArgument("LSH needs 1 to \(bitCount) bands of at most 64 bits each and buckets of at least 2")
        }
        let rows = bitCount / bands
        let nodes = (0..<nodeCount).filter { !isZero[$0] }
        var seen = Set<UInt64>()
        var result = CandidatePairs()
        for band in 0..<bands {
            let keys = nodes.map { bandKey(of: $0, from: band * rows, count: rows) }
            let order = nodes.indices.sorted {
                (layerOfNode[nodes[$0]], keys[$0], nodes[$0]) < (layerOfNode[nodes[$1]], keys[$1], nodes[$1])
            }
            var runStart = 0
            while runStart < order.count {
                var runEnd = runStart + 1
                let first = order[runStart]
                while runEnd < order.count, keys[order[runEnd]] == keys[first],
                      layerOfNode[nodes[order[runEnd]]] == layerOfNode[nodes[first]] { runEnd += 1 }
                var members = order[runStart..<runEnd].map { nodes[$0] }
                if members.count > maxBucket { members.sort { lexicographicallyPrecedes($0, $1) } }
                for i in members.indices {
                    for j in (i + 1)..<min(members.count, i + maxBucket) {
                        let a = min(members[i], members[j]), b = max(members[i], members[j])
                        guard seen.insert(UInt64(a) << 32 | UInt64(b)).inserted,
                              let similarity = query(a, b), similarity >= minimumSimilarity else { continue }
                        result.first.append(Int32(a))
                        result.second.append(Int32(b))
                        result.similarity.append(similarity)
                    }
                }
                runStart = runEnd
            }
        }
        return result
    }

    /// Bits `start ..< start + count` of `v`'s sketch as an integer (`count <= 64`). O(1).
    func bandKey(of v: Int, from start: Int, count: Int) -> UInt64 {
        var key: UInt64 = 0
        for j in 0..<count {
            let bit = start + j
            key |= ((words[v * wordsPerLabel + bit / 64] >> UInt64(bit % 64)) & 1) << UInt64(j)
        }
        return key
    }

    /// Whether `a`'s sketch words precede `b`'s. O(k/64).
    private func lexicographicallyPrecedes(_ a: Int, _ b: Int) -> Bool {
        let x = words[(a * wordsPerLabel)..<((a + 1) * wordsPerLabel)]
        let y = words[(b * wordsPerLabel)..<((b + 1) * wordsPerLabel)]
        return x.lexicographicallyPrecedes(y)
    }
}
