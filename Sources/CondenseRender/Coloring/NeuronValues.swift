import CondenseCore

/// The colouring hook: one value per neuron, continuous (an importance score, a bias, a
/// distance) or categorical (a label class, a stability status), stored per layer.
/// The labeling and approximate-collapse tools hand one to the renderer instead of
/// drawing pictures of their own; ``NeuronColoring`` turns it into fills and a legend.
///
/// Storage is struct-of-arrays: per layer, a `Double` array (NaN = no value) or an
/// `Int32` array of class codes (-1 = no value). Lookups are O(1).
public struct NeuronValues: Hashable, Sendable {
    /// Numbers (coloured on a scale) or classes (one colour each).
    public enum Kind: String, Hashable, Sendable { case continuous, categorical }

    /// The legend's title ("importance", "label class", "stability").
    public var name: String
    /// Whether the values are numbers or classes.
    public let kind: Kind
    /// Continuous values per layer (NaN where missing); empty for categorical values.
    public private(set) var numbers: [[Double]]
    /// Class codes per layer (-1 where missing), indices into ``classes``.
    public private(set) var codes: [[Int32]]
    /// Class names in legend order.
    public private(set) var classes: [String]

    /// Continuous values, one array per layer (layer 0 is the input; a missing or short
    /// array leaves neurons without a value).
    public init(name: String, layers: [[Double]]) {
        self.name = name
        kind = .continuous
        numbers = layers
        codes = []
        classes = []
    }

    /// Continuous values by neuron address.
    public init(name: String, values: [NeuronID: Double]) {
        var layers: [[Double]] = []
        for (id, value) in values where id.layer >= 0 && id.index >= 0 {
            while layers.count <= id.layer { layers.append([]) }
            while layers[id.layer].count <= id.index { layers[id.layer].append(.nan) }
            layers[id.layer][id.index] = value
        }
        self.init(name: name, layers: layers)
    }

    /// Categories by neuron address; classes are ordered naturally ("2" before "10").
    public init(name: String, categories: [NeuronID: String]) {
        self.name = name
        kind = .categorical
        numbers = []
        classes = Set(categories.values).sorted(by: Self.naturalOrder)
        let code = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
        var layers: [[Int32]] = []
        for (id, value) in categories where id.layer >= 0 && id.index >= 0 {
            while layers.count <= id.layer { layers.append([]) }
            while layers[id.layer].count <= id.index { layers[id.layer].append(-1) }
            layers[id.layer][id.index] = code[value] ?? -1
        }
        codes = layers
    }

    /// Integer classes by neuron address (e.g. a digit label), named by their number.
    public init(name: String, classes: [NeuronID: Int]) {
        self.init(name: name, categories: classes.mapValues(String.init))
    }

    /// The continuous value of a neuron, if any. O(1).
    public func number(_ id: NeuronID) -> Double? {
        guard id.layer >= 0, id.layer < numbers.count, id.index >= 0, id.index < numbers[id.layer].count else { return nil }
        let value = numbers[id.layer][id.index]
        return value.isFinite ? value : nil
    }

    /// The class code of a neuron, if any. O(1).
    public func code(_ id: NeuronID) -> Int? {
        guard id.layer >= 0, id.layer < codes.count, id.index >= 0, id.index < codes[id.layer].count else { return nil }
        let value = codes[id.layer][id.index]
        return value >= 0 ? Int(value) : nil
    }

    /// The values of the neurons that survive a simplification: `survivors[l]` lists the
    /// original indices kept in layer `l`, in order; the result is addressed like the
    /// simplified network. O(V).
    public func keeping(_ survivors: [[Int]]) -> NeuronValues {
        var kept = self
        kept.numbers = numbers.enumerated().map { l, row in
            l < survivors.count ? survivors[l].map { $0 < row.count ? row[$0] : .nan } : row
        }
        kept.codes = codes.enumerated().map { l, row in
            l < survivors.count ? survivors[l].map { $0 < row.count ? row[$0] : -1 } : row
        }
        return kept
    }

    /// The layers that carry at least one value. O(V).
    public var coveredLayers: Set<Int> {
        switch kind {
        case .continuous: return Set(numbers.indices.filter { numbers[$0].contains(where: \.isFinite) })
        case .categorical: return Set(codes.indices.filter { codes[$0].contains { $0 >= 0 } })
        }
    }

    /// Numbers before words, numbers by value ("2" < "10"), words alphabetically.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        switch (Double(a), Double(b)) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a < b
        }
    }
}
