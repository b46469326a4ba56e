import CondenseCore
import Foundation

/// Reads which neuron went by which rule from a simplify report (`condense simplify
/// --report R.json`): its top-level `"removed"` array of ``NeuronFate`` objects
/// (`neuron` {layer, index}, `rule` as snake_case, optional `partner`, `factor`,
/// `evidence`). Other keys of the report are ignored. O(size of the report).
public enum FateReport {
    /// The fates listed in the report `data` (named `source` in messages).
    public static func fates(from data: Data, source: String = "report") throws(CondenseError) -> [NeuronFate] {
        let object = try JSONObject.parse(data, what: source, expected: "a \"removed\" list of neuron fates")
        guard let removed = object["removed"] else {
            throw .invalidData(
                "\(source) has no \"removed\" list of neuron fates; write one with condense simplify --report")
        }
        guard let items = removed as? [Any] else { throw .invalidData("\(source): \"removed\" must be an array") }
        var fates: [NeuronFate] = []
        fates.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            fates.append(try fate(item, at: k, source: source))
        }
        return fates
    }

    /// Reads the report file at `path`.
    public static func fates(path: String) throws(CondenseError) -> [NeuronFate] {
        try fates(from: readInputFile(path, what: "simplify report"), source: path)
    }

    private static func fate(_ item: Any, at k: Int, source: String) throws(CondenseError) -> NeuronFate {
        let place = "\(source): removed[\(k)]"
        guard let entry = item as? [String: Any] else { throw .invalidData("\(place) is not an object") }
        guard let neuron = address(entry["neuron"]) else {
            throw .invalidData("\(place) has no \"neuron\": {\"layer\": L, \"index\": I}")
        }
        guard let name = entry["rule"] as? String, let rule = NeuronFate.Rule(rawValue: name) else {
            let known = NeuronFate.Rule.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidData("\(place) has rule \(String(describing: entry["rule"] ?? "none")); expected one of \(known)")
        }
        let partner = address(entry["partner"])
        let factor = (entry["factor"] as? NSNumber)?.doubleValue
        var evidence: [String: Double] = [:]
        for (key, value) in entry["evidence"] as? [String: Any] ?? [:] {
            if let number = value as? NSNumber { evidence[key] = number.doubleValue }
        }
        return NeuronFate(neuron: neuron, rule: rule, partner: partner, factor: factor, evidence: evidence)
    }

    private static func address(_ value: Any?) -> NeuronID? {
        guard let object = value as? [String: Any],
              let layer = (object["layer"] as? NSNumber)?.intValue,
              let index = (object["index"] as? NSNumber)?.intValue
        else { return nil }
        return NeuronID(layer: layer, index: index)
    }
}
