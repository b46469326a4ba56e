import CondenseCore
/// Random query pairs, struct of arrays, drawn once so timing loops measure queries only.
public struct PairSample: Sendable {
    public var sources: [Int32] = []
    public var targets: [Int32] = []
    public var count: Int { sources.count }

    public init(sources: [Int32] = [], targets: [Int32] = []) {
        self.sources = sources
        self.targets = targets
    }

    /// `count` seeded random pairs of nodes for which `eligible` holds: for
    /// ``PairDomain/anyPair`` two uniform nodes ordered so the source's layer is not after
    /// the target's; for ``PairDomain/sameLayer`` a uniform node and another uniform node of
    /// its layer (itself only when it is alone). Empty when no node is eligible.
    /// O(V + count).
    public static func random(layerOffsets: [Int], count: Int, domain: PairDomain, seed: UInt64 = 1,
                              eligible: (Int) -> Bool = { _ in true }) -> PairSample {
        var sample = PairSample()
        let layerCount = layerOffsets.count - 1
        // Eligible nodes grouped by layer: `nodes[first[l] ..< first[l + 1]]`.
        var nodes: [Int] = [], first = [0], layerOf: [Int] = []
        for l in 0..<layerCount {
            for v in layerOffsets[l]..<layerOffsets[l + 1] where eligible(v) {
                nodes.append(v)
                layerOf.append(l)
            }
            first.append(nodes.count)
        }
        guard !nodes.isEmpty, count > 0 else { return sample }
        var rng = SplitMix64(seed: seed)
        sample.sources.reserveCapacity(count)
        sample.targets.reserveCapacity(count)
        for _ in 0..<count {
            let i = Int(rng.next() % UInt64(nodes.count))
            var u = nodes[i], v: Int
            switch domain {
            case .anyPair:
                let j = Int(rng.next() % UInt64(nodes.count))
                v = nodes[j]
                if layerOf[i] > layerOf[j] { swap(&u, &v) }
            case .sameLayer:
                let l = layerOf[i], size = first[l + 1] - first[l]
                var j = first[l] + Int(rng.next() % UInt64(size))
                if size > 1, nodes[j] == u { j = first[l] + (j - first[l] + 1 + Int(rng.next() % UInt64(size - 1))) % size }
                v = nodes[j]
            }
            sample.sources.append(Int32(u))
            sample.targets.append(Int32(v))
        }
        return sample
    }
}
