/// Growing hub lists of many nodes in one array, for building labels without one heap
/// allocation per node: node `v`'s entries are `entries[start[v] ..< start[v] + count[v]]`.
/// A full block moves to the end of the arena with twice the room, so appends are
/// amortised O(1) and the arena stays within about three times the entries. Entries are
/// stored interleaved (hub, length) so a scan of one list touches one run of memory.
struct LabelArena {
    private(set) var entries: [HubEntry] = []
    private(set) var start: [Int]
    private(set) var count: [Int32]
    private var capacity: [Int32]

    init(nodeCount: Int) {
        start = Array(repeating: 0, count: nodeCount)
        count = Array(repeating: 0, count: nodeCount)
        capacity = Array(repeating: 0, count: nodeCount)
    }

    /// The entries of node `v`.
    @inline(__always)
    func range(_ v: Int) -> Range<Int> { start[v]..<(start[v] + Int(count[v])) }

    mutating func append(_ v: Int, _ entry: HubEntry) {
        if count[v] == capacity[v] {
            let room = max(4, 2 * Int(capacity[v]))
            let old = range(v)
            let newStart = entries.count
            entries.append(contentsOf: repeatElement(HubEntry(hub: 0, length: 0), count: room))
            for i in old { entries[newStart + i - old.lowerBound] = entries[i] }
            start[v] = newStart
            capacity[v] = Int32(room)
        }
        entries[start[v] + Int(count[v])] = entry
        count[v] += 1
    }

    /// Whether some entry `(h, l)` of `v`'s list has `hubLength[h] + l <= bound`: the pruning
    /// test, stopping at the first such entry (important hubs come first). O(|list|).
    @inline(__always)
    func reaches(_ v: Int, via hubLength: [Double], within bound: Double) -> Bool {
        entries.withUnsafeBufferPointer { entries in
            hubLength.withUnsafeBufferPointer { hubLength in
                for i in range(v) where hubLength[Int(entries[i].hub)] + entries[i].length <= bound { return true }
                return false
            }
        }
    }

    /// All lists back to back as CSR: offsets, hubs and lengths. O(V + entries).
    func flattened() -> (offsets: [Int], hubs: [Int32], lengths: [Double]) {
        var offsets = [0]
        offsets.reserveCapacity(start.count + 1)
        var hubs: [Int32] = [], lengths: [Double] = []
        for v in start.indices {
            for i in range(v) {
                hubs.append(entries[i].hub)
                lengths.append(entries[i].length)
            }
            offsets.append(hubs.count)
        }
        return (offsets, hubs, lengths)
    }
}

/// One hub entry while labels grow (hubs arrive in rank order, so lists stay sorted).
struct HubEntry {
    var hub: Int32
    var length: Double
}
