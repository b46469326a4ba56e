import CondenseCore
import Foundation

/// Candidate pairs of similar vectors by random-hyperplane locality-sensitive hashing
/// (SimHash; Charikar, "Similarity estimation techniques from rounding algorithms",
/// STOC 2002), so that merging never scans all pairs of a layer.
///
/// Every vector is sketched by the signs of its projections on `tables x bits` seeded
/// Gaussian directions (one `sgemm`); two vectors at angle `θ` share a table's `bits`-bit
/// key with probability `(1 - θ/π)^bits`. Vectors sharing a key in any table are candidates;
/// a bucket larger than `maxBucket` is ordered by its first projection and only neighbours
/// within `maxBucket` positions are paired, which keeps the output O(n tables maxBucket).
/// Time O(n d tables bits + n tables maxBucket) for `n` vectors of dimension `d`.
struct SimHashPairs {
    var tables: Int = 12
    var maxBucket: Int = 16
    var seed: UInt64 = 0x51_3A5E

    /// Key bits per table for `n` vectors: buckets of about 8 vectors on average.
    static func bits(for n: Int) -> Int { max(1, min(24, Int(log2(max(2, Double(n) / 8)).rounded(.up)))) }

    /// Candidate pairs `(i, j)` with `i < j` among the rows of `vectors`, each once, sorted.
    func pairs(of vectors: Matrix) -> [(Int, Int)] {
        let n = vectors.rows, d = vectors.columns
        guard n > 1, d > 0 else { return [] }
        let bits = Self.bits(for: n)
        let directions = tables * bits
        var rng = SplitMix64(seed: seed)
        let planes = Matrix(rows: d, columns: directions, values: (0..<(d * directions)).map { _ in Float(rng.nextGaussian()) })
        let projections = DenseAlgebra.product(vectors, planes)
        var found = Set<Int>()
        for t in 0..<tables {
            var buckets: [UInt32: [Int]] = [:]
            for i in 0..<n {
                var key: UInt32 = 0
                for b in 0..<bits where projections[i, t * bits + b] >= 0 { key |= 1 << UInt32(b) }
                buckets[key, default: []].append(i)
            }
            for members in buckets.values where members.count > 1 {
                let ordered = members.count > maxBucket
                    ? members.sorted { projections[$0, t * bits] < projections[$1, t * bits] } : members
                for (a, i) in ordered.enumerated() {
                    for j in ordered[(a + 1)..<min(ordered.count, a + 1 + maxBucket)] {
                        found.insert(min(i, j) * n + max(i, j))
                    }
                }
            }
        }
        return found.sorted().map { ($0 / n, $0 % n) }
    }
}
