/// The sizes of a scheme's labels: entries and bits per label (min, mean, max) and the
/// total, against the bits of the weights they summarise.
public struct LabelSizes: Codable, Sendable, Hashable {
    public var entriesMin: Int
    public var entriesMean: Double
    public var entriesMax: Int
    public var bitsMin: Int
    public var bitsMean: Double
    public var bitsMax: Int
    public var totalBits: Int

    enum CodingKeys: String, CodingKey {
        case entriesMin = "entries_min", entriesMean = "entries_mean", entriesMax = "entries_max"
        case bitsMin = "bits_min", bitsMean = "bits_mean", bitsMax = "bits_max", totalBits = "total_bits"
    }

    /// Measures every label of `scheme`. O(V) calls of `entries` and `bits`.
    public init<L: LabelingScheme>(_ scheme: L) {
        let n = scheme.nodeCount
        var eMin = Int.max, eMax = 0, bMin = Int.max, bMax = 0, eSum = 0, bSum = 0
        for v in 0..<n {
            let e = scheme.entries(of: v), b = scheme.bits(of: v)
            eMin = min(eMin, e)
            eMax = max(eMax, e)
            bMin = min(bMin, b)
            bMax = max(bMax, b)
            eSum += e
            bSum += b
        }
        entriesMin = n > 0 ? eMin : 0
        entriesMax = eMax
        entriesMean = n > 0 ? Double(eSum) / Double(n) : 0
        bitsMin = n > 0 ? bMin : 0
        bitsMax = bMax
        bitsMean = n > 0 ? Double(bSum) / Double(n) : 0
        totalBits = bSum
    }
}
