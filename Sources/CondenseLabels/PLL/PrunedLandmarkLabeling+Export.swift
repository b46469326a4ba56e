import CondenseCore

extension PrunedLandmarkLabeling: LabelExporting {
    public var className: String { "pll label entries" }
    public func address(of v: Int) -> NeuronID { addressing.address(of: v) }

    /// Parts `out` (values from the node to each hub) and `in` (from each hub to the node);
    /// keys are hub neurons, values semiring values.
    public func record(of v: Int) -> LabelRecord {
        func part(_ name: String, _ range: Range<Int>, _ hubs: [Int32], _ lengths: [Double]) -> LabelPart {
            LabelPart(name: name, keys: range.map { addressing.address(of: Int(order[Int(hubs[$0])])).description },
                      values: range.map { S.value(length: lengths[$0]) })
        }
        return LabelRecord(layer: Int(addressing.layerOfNode[v]), entries: entries(of: v), bits: bits(of: v), parts: [
            part("out", outOffsets[v]..<outOffsets[v + 1], outHubs, outLengths),
            part("in", inOffsets[v]..<inOffsets[v + 1], inHubs, inLengths),
        ])
    }

    /// The number of entries of each label.
    public func labelClasses() -> [LabelClass?] { (0..<nodeCount).map { .number(Double(entries(of: $0))) } }
}
