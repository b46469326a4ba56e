import CondenseCore

extension HubLabeling: LabelExporting {
    public var className: String { "hub label entries" }
    public func address(of v: Int) -> NeuronID { NodeAddressing(layerOfNode: storage.layerOfNode, layerOffsets: layerOffsets).address(of: v) }

    /// Parts `to L<h>` / `from L<h>` / `self` per chain separator, then `segment`; keys are
    /// hub neurons, values semiring values.
    public func record(of v: Int) -> LabelRecord {
        let addressing = NodeAddressing(layerOfNode: storage.layerOfNode, layerOffsets: layerOffsets)
        let l = Int(storage.layerOfNode[v])
        var names = tree.chains[l].map { h in h == l ? "self" : (h > l ? "to L\(h)" : "from L\(h)") }
        if tree.segments[l] != nil { names.append("segment") }
        let parts = names.enumerated().map { k, name in
            let range = storage.partOffsets[storage.partStart[v] + k]..<storage.partOffsets[storage.partStart[v] + k + 1]
            return LabelPart(name: name, keys: range.map { addressing.address(of: Int(storage.entryNode[$0])).description },
                             values: range.map { storage.entryValue[$0] })
        }
        return LabelRecord(layer: l, entries: entries(of: v), bits: bits(of: v), parts: parts)
    }

    /// The number of entries of each label.
    public func labelClasses() -> [LabelClass?] { (0..<nodeCount).map { .number(Double(entries(of: $0))) } }
}
