/// A binary min-heap of merge candidates keyed by cost (Williams 1964): O(log n) push and
/// pop, so greedy merging takes the cheapest candidate without rescanning.
struct CostHeap {
    struct Entry {
        var cost: Double
        /// The neuron that would be removed.
        var removed: Int
        /// The neuron it would be merged into, -1 for removal with its mean folded into biases.
        var partner: Int
        /// The removed neuron's version when the cost was computed (stale entries are refreshed).
        var version: Int
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].cost < entries[parent].cost else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        guard !entries.isEmpty else { return top }
        entries[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count && entries[left].cost < entries[smallest].cost { smallest = left }
            if right < entries.count && entries[right].cost < entries[smallest].cost { smallest = right }
            guard smallest != parent else { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
