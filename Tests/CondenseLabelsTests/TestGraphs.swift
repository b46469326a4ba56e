import CondenseCore
@testable import CondenseLabels

/// Small seeded graphs shared by the tests.
enum TestGraphs {
    /// A random layered network of `widths` (ReLU hidden layers), with skip connections when asked.
    static func network(_ widths: [Int] = [6, 5, 4, 5, 3], degree: Int = 3, skip: Int = 0, seed: UInt64 = 1) throws -> Network {
        try RandomLayeredNetwork(widths: widths, outDegree: degree, skipDegree: skip, seed: seed).network()
    }

    /// A random DAG with weights of magnitude in [0.2, 3] (so `-ln|w|` takes both signs) and
    /// some edges jumping two layers when `skip`.
    static func mixedWeightDAG(widths: [Int] = [5, 6, 4, 6, 3], skip: Bool, seed: UInt64) throws -> LayeredDAG {
        var rng = SplitMix64(seed: seed)
        var offsets = [0]
        for w in widths { offsets.append(offsets[offsets.count - 1] + w) }
        var sources: [Int32] = [], targets: [Int32] = [], weights: [Float] = []
        for l in 0..<(widths.count - 1) {
            for s in offsets[l]..<offsets[l + 1] {
                for jump in skip && l + 2 < widths.count ? [1, 2] : [1] {
                    for t in offsets[l + jump]..<offsets[l + jump + 1] where rng.next() % 3 != 0 {
                        let magnitude = 0.2 + 2.8 * Double(rng.next() % 1000) / 1000
                        sources.append(Int32(s))
                        targets.append(Int32(t))
                        weights.append(Float(rng.next() & 1 == 0 ? magnitude : -magnitude))
                    }
                }
            }
        }
        return try LayeredDAG(layerWidths: widths, sources: sources, targets: targets, weights: weights)
    }

    /// Every ordered pair of nodes.
    static func allPairs(_ n: Int) -> PairSample {
        var pairs = PairSample()
        for u in 0..<n {
            for v in 0..<n {
                pairs.sources.append(Int32(u))
                pairs.targets.append(Int32(v))
            }
        }
        return pairs
    }
}
