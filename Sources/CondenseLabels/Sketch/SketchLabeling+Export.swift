import CondenseCore

extension SketchLabeling: LabelExporting {
    public var className: String { "sketch group" }
    public func address(of v: Int) -> NeuronID { addressing.address(of: v) }

    /// One part `sketch` with the bits in hexadecimal (empty for a zero signature).
    public func record(of v: Int) -> LabelRecord {
        LabelRecord(layer: Int(layerOfNode[v]), entries: entries(of: v), bits: bits(of: v),
                    parts: [LabelPart(name: "sketch", text: isZero[v] ? "" : hex(of: v))])
    }

    /// Nodes of a layer sharing the whole sketch form a group named by its first node
    /// (`group L1:7`); others are `unique`, zero signatures `zero`.
    public func labelClasses() -> [LabelClass?] {
        (0..<nodeCount).map { v in
            if isZero[v] { return .category("zero") }
            if groupSize[v] < 2 { return .category("unique") }
            return .category("group \(addressing.address(of: Int(groupLeader[v])))")
        }
    }
}
