import CondenseCore

/// Pruned landmark labeling for directed, weighted graphs: exact 2-hop distance labels
/// (Akiba, Iwata, Yoshida, "Fast exact shortest-path distance queries on large networks by
/// pruned landmark labeling", SIGMOD 2013; directed and weighted variant as in Delling,
/// Goldberg, Pajor, Werneck, "Robust distance queries on massive networks", ESA 2014).
///
/// Node `u` has an out-label `{(h, d(u, h))}` and an in-label `{(h, d(h, v))}`, hubs `h`
/// by rank in the vertex order; for every pair some hub on a best path is in both labels,
/// so `d(u, v) = min_h dOut(u, h) + dIn(h, v)`, a merge of two sorted lists:
/// O(|Lout(u)| + |Lin(v)|) per query. Lengths are those of a ``SelectiveSemiring``
/// (`-ln|w|` for min-plus and max-times, 0 for boolean); labels store true lengths.
public struct PrunedLandmarkLabeling<S: SelectiveSemiring>: LabelingScheme {
    public static var schemeName: String { "pll" }
    public static var pairDomain: PairDomain { .anyPair }

    /// The vertex order used: `order[rank]` is the node of hub `rank`.
    public let order: [Int32]
    let addressing: NodeAddressing
    /// Out-labels: node `v` owns `outHubs[outOffsets[v] ..< outOffsets[v + 1]]`, sorted by rank.
    let outOffsets: [Int]
    let outHubs: [Int32]
    let outLengths: [Double]
    /// In-labels, stored the same way.
    let inOffsets: [Int]
    let inHubs: [Int32]
    let inLengths: [Double]

    public var nodeCount: Int { order.count }

    /// One node's out- and in-label: views into the flat storage.
    public struct Label: Sendable {
        let outRange: Range<Int>
        let inRange: Range<Int>
        let outHubs: [Int32], outLengths: [Double]
        let inHubs: [Int32], inLengths: [Double]
    }

    public func label(of v: Int) -> Label {
        Label(outRange: outOffsets[v]..<outOffsets[v + 1], inRange: inOffsets[v]..<inOffsets[v + 1],
              outHubs: outHubs, outLengths: outLengths, inHubs: inHubs, inLengths: inLengths)
    }

    /// The semiring value of the best `source -> target` path, from the out-label of the
    /// source and the in-label of the target. O(|Lout| + |Lin|).
    public static func answer(_ source: Label, _ target: Label) -> Double {
        S.value(length: minimumSum(source.outHubs, source.outLengths, source.outRange,
                                   target.inHubs, target.inLengths, target.inRange))
    }

    /// Same as ``answer(_:_:)`` read straight from the flat arrays (no label views).
    public func query(_ u: Int, _ v: Int) -> Double {
        S.value(length: Self.minimumSum(outHubs, outLengths, outOffsets[u]..<outOffsets[u + 1],
                                        inHubs, inLengths, inOffsets[v]..<inOffsets[v + 1]))
    }

    /// `min (a[h] + b[h])` over hubs in both rank-sorted ranges: a merge join.
    static func minimumSum(_ aHubs: [Int32], _ aLengths: [Double], _ a: Range<Int>,
                           _ bHubs: [Int32], _ bLengths: [Double], _ b: Range<Int>) -> Double {
        var best = Double.infinity
        SortedMerge.forEachCommon(aHubs, a, bHubs, b) { i, j in best = min(best, aLengths[i] + bLengths[j]) }
        return best
    }

    public func entries(of v: Int) -> Int { outOffsets[v + 1] - outOffsets[v] + inOffsets[v + 1] - inOffsets[v] }

    /// Bits: every entry stores a hub rank (⌈log2 V⌉ bits) and a length (``Semiring/valueBits``),
    /// plus the two list lengths (⌈log2 (V + 1)⌉ bits each).
    public func bits(of v: Int) -> Int {
        entries(of: v) * (bitsToIndex(nodeCount) + S.valueBits) + 2 * bitsToIndex(nodeCount + 1)
    }
}
