import CondenseCore

extension EquivalenceLabeling: LabelExporting {
    public var className: String { "equivalence block" }
    public func address(of v: Int) -> NeuronID { addressing.address(of: v) }

    /// One part `block` with keys `block` and `factor`; its text is the representative.
    public func record(of v: Int) -> LabelRecord {
        let label = label(of: v)
        let representative = addressing.address(of: partition.representative(of: v)).description
        return LabelRecord(layer: Int(addressing.layerOfNode[v]), entries: entries(of: v), bits: bits(of: v), parts: [
            LabelPart(name: "block", keys: ["block", "factor"], values: [Double(label.block), label.factor],
                      text: representative),
        ])
    }

    /// `block <representative>` for neurons with an equivalent partner, else `unique`.
    public func labelClasses() -> [LabelClass?] {
        (0..<nodeCount).map { v in
            guard blockSizes[v] > 1 else { return .category("unique") }
            return .category("block \(addressing.address(of: partition.representative(of: v)))")
        }
    }
}
