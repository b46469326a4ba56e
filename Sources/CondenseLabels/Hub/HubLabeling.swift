import CondenseCore

/// Separator (hub) labels for layered DAGs in any ``Semiring``: exact path values from
/// two labels (Sommer 2014, §4 "separator-based labels"; Gavoille et al. 2004).
///
/// The hubs are whole cut layers, chosen narrowest first (``SeparatorTree``). The label of a
/// node `u` in layer `a` holds, for every separator `h` on its chain, the values from `u` to
/// the nodes of `h` (when `h > a`), from the nodes of `h` to `u` (when `h < a`), or `u`
/// itself with value `one` (when `h = a`); a node of a leaf segment (layers spanned by a skip
/// connection) also holds its values to the later nodes of its segment. Entries equal to
/// the semiring zero are not stored, so sparse networks get short labels.
///
/// A query `(u, v)` finds the first chain separator `h` between the two layers (it sits at
/// the same chain position in both labels) and returns the semiring dot product
/// `⊕_x d(u, x) ⊗ d(x, v)` over the nodes `x` of `h`, a merge of two sorted lists: O(w_h).
/// Exact: every path from `u` to `v` crosses `h` exactly once.
///
/// Size: at most ``widthBound(of:)`` entries, the sum of the widths of the chain separators.
/// Build: O(Σ_h w_h · E(interval of h)) arithmetic plus segment DPs.
public struct HubLabeling<S: Semiring>: LabelingScheme {
    public static var schemeName: String { "hub" }
    public static var pairDomain: PairDomain { .anyPair }

    /// The separator tree the labels follow.
    public let tree: SeparatorTree
    let layerOffsets: [Int]
    let storage: HubStorage

    public var nodeCount: Int { storage.layerOfNode.count }

    /// One node's label: the node, its layer and a reference to the shared flat storage.
    public struct Label: Sendable {
        public let node: Int32
        public let layer: Int32
        let storage: HubStorage
    }

    public func label(of v: Int) -> Label { Label(node: Int32(v), layer: storage.layerOfNode[v], storage: storage) }

    /// The semiring value of all `source -> target` paths, from the two labels:
    /// O(chain length + w_h) for separator `h`, O(log segment) inside a segment.
    public static func answer(_ source: Label, _ target: Label) -> Double {
        if source.layer >= target.layer { return source.node == target.node ? S.one : S.zero }
        let st = source.storage
        let u = Int(source.node), v = Int(target.node), a = Int(source.layer)
        let chain = st.chainOffsets[a]..<st.chainOffsets[a + 1]
        for c in chain where st.chainLayers[c] >= source.layer && st.chainLayers[c] <= target.layer {
            let k = c - chain.lowerBound
            return dot(st, st.partStart[u] + k, st.partStart[v] + k)
        }
        let last = st.partStart[u + 1] - 1
        guard last - st.partStart[u] >= chain.count else { return S.zero }  // no segment part
        return lookup(st, target.node, in: st.partOffsets[last]..<st.partOffsets[last + 1])
    }

    /// `⊕ a[x] ⊗ b[x]` over the hubs `x` present in both parts (sorted): a merge join.
    @inline(__always)
    static func dot(_ st: HubStorage, _ p: Int, _ q: Int) -> Double {
        var sum = S.zero
        let values = st.entryValue
        SortedMerge.forEachCommon(st.entryNode, st.partOffsets[p]..<st.partOffsets[p + 1],
                                  st.entryNode, st.partOffsets[q]..<st.partOffsets[q + 1]) { i, j in
            sum = S.plus(sum, S.times(values[i], values[j]))
        }
        return sum
    }

    /// The value stored for hub `node` in a sorted range, or zero: a binary search.
    static func lookup(_ st: HubStorage, _ node: Int32, in range: Range<Int>) -> Double {
        let nodes = st.entryNode
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if nodes[mid] < node { lo = mid + 1 } else { hi = mid }
        }
        return lo < range.upperBound && nodes[lo] == node ? st.entryValue[lo] : S.zero
    }

    public func entries(of v: Int) -> Int { storage.partOffsets[storage.partStart[v + 1]] - storage.partOffsets[storage.partStart[v]] }

    /// Bits: every entry stores a node id (⌈log2 V⌉ bits) and a value (``Semiring/valueBits``);
    /// every part stores its length (⌈log2 (V + 1)⌉ bits). The chain is shared by a layer.
    public func bits(of v: Int) -> Int {
        let parts = storage.partStart[v + 1] - storage.partStart[v]
        return entries(of: v) * (bitsToIndex(nodeCount) + S.valueBits) + parts * bitsToIndex(nodeCount + 1)
    }

    /// The layer-width bound on the entries of `v`: the widths of its chain separators
    /// (1 for its own layer) plus the later nodes of its segment. O(chain length).
    public func widthBound(of v: Int) -> Int {
        let l = Int(storage.layerOfNode[v])
        var bound = 0
        for h in tree.chains[l] { bound += h == l ? 1 : layerOffsets[h + 1] - layerOffsets[h] }
        if let segment = tree.segments[l] { bound += layerOffsets[segment.upperBound + 1] - layerOffsets[l + 1] }
        return bound
    }
}

/// The flat label storage of a ``HubLabeling``, shared by reference so a label view costs
/// one reference count, not one per array.
final class HubStorage: Sendable {
    let layerOfNode: [Int32]
    /// Separator layers of each layer's chain: layer `l` owns `chainLayers[chainOffsets[l] ..< chainOffsets[l + 1]]`.
    let chainOffsets: [Int]
    let chainLayers: [Int32]
    /// Node `v` owns the parts `partStart[v] ..< partStart[v + 1]`; part `p` owns entries `partOffsets[p] ..< partOffsets[p + 1]`.
    let partStart: [Int]
    let partOffsets: [Int]
    /// Hub node and semiring value of every entry, sorted by hub node inside a part.
    let entryNode: [Int32]
    let entryValue: [Double]

    init(layerOfNode: [Int32], chainOffsets: [Int], chainLayers: [Int32], partStart: [Int], partOffsets: [Int],
         entryNode: [Int32], entryValue: [Double]) {
        self.layerOfNode = layerOfNode
        self.chainOffsets = chainOffsets
        self.chainLayers = chainLayers
        self.partStart = partStart
        self.partOffsets = partOffsets
        self.entryNode = entryNode
        self.entryValue = entryValue
    }
}
