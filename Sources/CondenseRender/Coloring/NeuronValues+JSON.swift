import CondenseCore
import Foundation

extension NeuronValues {
    /// Reads per-neuron values from JSON (the `--color-by` file). The format:
    ///
    /// ```json
    /// { "name": "importance",
    ///   "values": { "L1:3": 0.5, "L2:0": -1.25 },
    ///   "layers": [null, [0.1, 0.2, null], [3, 1]],
    ///   "categorical": false }
    /// ```
    ///
    /// - `values` maps neuron addresses `L<layer>:<index>` (layer 0 is the input) to a
    ///   value; `layers` gives one array per layer instead (`null` = no value). Either or both.
    /// - Numbers colour continuously (diverging around 0 when the values change sign,
    ///   else sequential); strings are classes ("stable_dead", "digit 3"). With
    ///   `"categorical": true`, numbers are classes too (e.g. a label per neuron).
    /// - `name` titles the legend (default: `fallbackName`).
    ///
    /// Given the model's layer `widths`, every address is checked against them (see
    /// ``validate(widths:)``) before any storage is sized by it; without them, addresses
    /// beyond ``largestAddress`` are refused. O(size of the file + addressed layers).
    /// Malformed input throws ``CondenseError/invalidData(_:)``.
    public static func load(json data: Data, fallbackName: String = "value", widths: [Int]? = nil)
        throws(CondenseError) -> NeuronValues
    {
        let root = try JSONObject.parse(data, what: "the values file", expected: "\"values\" or \"layers\"")
        guard root["values"] != nil || root["layers"] != nil else {
            throw .invalidData("the values file has neither \"values\" (by neuron \"L1:3\") nor \"layers\" (one array per layer)")
        }
        let name = root["name"] as? String ?? fallbackName
        let forceCategorical = root["categorical"] as? Bool ?? false
        var entries: [(NeuronID, Any)] = []
        if let values = root["values"] {
            guard let map = values as? [String: Any] else {
                throw .invalidData("\"values\" must be an object such as {\"L1:3\": 0.5}")
            }
            for (key, value) in map.sorted(by: { $0.key < $1.key }) { entries.append((try parseAddress(key), value)) }
        }
        if let layers = root["layers"] {
            guard let arrays = layers as? [Any] else { throw .invalidData("\"layers\" must be an array of arrays") }
            for (l, layer) in arrays.enumerated() {
                if layer is NSNull { continue }
                guard let items = layer as? [Any] else { throw .invalidData("\"layers\"[\(l)] must be an array or null") }
                for (i, item) in items.enumerated() where !(item is NSNull) { entries.append((NeuronID(layer: l, index: i), item)) }
            }
        }
        for (id, _) in entries {
            if let widths {
                guard id.layer < widths.count, id.index < widths[id.layer] else {
                    throw .invalidData("the values name neuron \(id), but the model's layers are \(widths.map(String.init).joined(separator: "-"))")
                }
            } else if id.layer > largestAddress.layer || id.index > largestAddress.index {
                throw .invalidData("the values name neuron \(id), beyond any network Condense draws")
            }
        }
        let values = try make(name: name, entries: entries, categorical: forceCategorical)
        if let widths { try values.validate(widths: widths) }
        return values
    }

    /// The largest layer and index accepted when no widths are given.
    public static let largestAddress = NeuronID(layer: 10_000, index: 10_000_000)

    /// Parses `L<layer>:<index>`. O(1).
    static func parseAddress(_ key: String) throws(CondenseError) -> NeuronID {
        let body = key.hasPrefix("L") || key.hasPrefix("l") ? key.dropFirst() : Substring(key)
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let layer = Int(parts[0]), let index = Int(parts[1]), layer >= 0, index >= 0 else {
            throw .invalidData("'\(key)' is not a neuron address: write L<layer>:<index>, e.g. \"L1:3\"")
        }
        return NeuronID(layer: layer, index: index)
    }

    private static func make(name: String, entries: [(NeuronID, Any)], categorical: Bool) throws(CondenseError) -> NeuronValues {
        var numbers: [NeuronID: Double] = [:]
        var words: [NeuronID: String] = [:]
        for (id, value) in entries {
            if let text = value as? String {
                words[id] = text
            } else if let number = value as? NSNumber {
                let x = number.doubleValue
                guard x.isFinite else { throw .invalidData("the value of \(id) is not finite") }
                numbers[id] = x
            } else {
                throw .invalidData("the value of \(id) must be a number or a string")
            }
        }
        if !words.isEmpty && !numbers.isEmpty && !categorical {
            throw .invalidData("the values file mixes numbers and strings: use one kind, or set \"categorical\": true")
        }
        if categorical || !words.isEmpty {
            for (id, x) in numbers { words[id] = x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : Count.decimal(x) }
            return NeuronValues(name: name, categories: words)
        }
        return NeuronValues(name: name, values: numbers)
    }

    /// Checks that every value names a neuron of a network with layers of `widths`. O(V).
    public func validate(widths: [Int]) throws(CondenseError) {
        let layerCounts = kind == .continuous ? numbers.map(\.count) : codes.map(\.count)
        for (l, count) in layerCounts.enumerated() where count > 0 {
            guard l < widths.count else {
                throw .invalidData("the values name layer \(l), but the model has \(widths.count) layers (0 is the input)")
            }
            let last = kind == .continuous
                ? (numbers[l].lastIndex(where: \.isFinite) ?? -1)
                : (codes[l].lastIndex(where: { $0 >= 0 }) ?? -1)
            guard last < widths[l] else {
                throw .invalidData("the values name neuron L\(l):\(last), but layer \(l) has \(widths[l]) units")
            }
        }
    }
}
