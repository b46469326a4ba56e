import CondenseCore

/// The normalised signatures of one layer's neurons, in struct-of-arrays form: neuron
/// `i`'s entries are `keys/values[offsets[i] ..< offsets[i + 1]]` (a key is an upstream
/// block or node, in no particular order), then its bias.
///
/// Every signature is divided by its own scale (largest absolute entry), so that two
/// proportional signatures become equal. Building is O(in-edges of the layer).
struct LayerSignatures {
    var offsets: [Int] = [0]
    var keys: [Int32] = []
    var values: [Double] = []
    var bias: [Double] = []
    /// Largest absolute entry (weights and bias) of the raw signature; 0 for a zero signature.
    var scale: [Double] = []
    /// Projection of the normalised signature on the pseudo-random direction ``direction(_:)``.
    var projection: [Double] = []
    /// Largest number of entries of one signature.
    var maxEntries = 0

    var count: Int { scale.count }

    /// Appends the signature of one neuron from its (key, weight) pairs, already aggregated.
    mutating func append(keys newKeys: [Int32], weights: [Double], bias b: Double) {
        var s = abs(b)
        for w in weights { s = max(s, abs(w)) }
        let inverse = s > 0 ? 1 / s : 0
        var p = b * inverse * Self.direction(-1)
        var stored = 0
        for (k, w) in zip(newKeys, weights) where w != 0 {
            let u = w * inverse
            keys.append(k)
            values.append(u)
            p += u * Self.direction(Int(k))
            stored += 1
        }
        offsets.append(keys.count)
        bias.append(b * inverse)
        scale.append(s)
        projection.append(p)
        maxEntries = max(maxEntries, stored)
    }

    /// A pseudo-random coordinate in [-1, 1] for every key (and -1 for the bias):
    /// the projection direction, fixed so that partitions are reproducible. O(1).
    @inline(__always)
    static func direction(_ key: Int) -> Double {
        var mixer = SplitMix64(seed: UInt64(bitPattern: Int64(key)) &+ 0x5EED)
        return Double(mixer.next() >> 11) * 0x1p-52 - 1
    }
}
