import CondenseCore

/// One label written out: its layer and size, and its parts (a hub list, an interval, a
/// sketch), each as keys (neuron addresses or names) with values, or as text.
public struct LabelRecord: Codable, Sendable, Hashable {
    public var layer: Int
    public var entries: Int
    public var bits: Int
    public var parts: [LabelPart]
}

/// A part of a label: `keys[i]` has `values[i]`; `text` carries packed data (sketch bits).
public struct LabelPart: Codable, Sendable, Hashable {
    public var name: String
    public var keys: [String]
    public var values: [Double]
    public var text: String?

    public init(name: String, keys: [String] = [], values: [Double] = [], text: String? = nil) {
        self.name = name
        self.keys = keys
        self.values = values
        self.text = text
    }
}

/// The class of a neuron for the renderer's colouring hook: a number (coloured
/// continuously) or a category name.
public enum LabelClass: Sendable, Hashable {
    case number(Double)
    case category(String)
}

/// A labeling whose labels can be written to files and coloured by class.
public protocol LabelExporting: Sendable {
    /// Stable scheme name.
    var exportName: String { get }
    /// Legend title of ``labelClass(of:)``.
    var className: String { get }
    var exportedNodeCount: Int { get }
    /// Neuron address of node `v`.
    func address(of v: Int) -> NeuronID
    func record(of v: Int) -> LabelRecord
    /// The class of every node, in node order (nil: no class).
    func labelClasses() -> [LabelClass?]
}

extension LabelExporting where Self: LabelingScheme {
    public var exportName: String { Self.schemeName }
    public var exportedNodeCount: Int { nodeCount }
}
