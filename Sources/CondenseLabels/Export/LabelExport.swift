import CondenseCore
import Foundation

/// Writes labels as JSON or CSV, and label classes in the renderer's `--color-by` format.
public enum LabelExport {
    /// `{"scheme": ..., "semiring": ..., "labels": {"L1:3": {layer, entries, bits, parts}}}`,
    /// keys sorted. O(total entries).
    public static func json(_ labels: some LabelExporting, semiring: String? = nil) throws(CondenseError) -> Data {
        var records: [String: LabelRecord] = [:]
        for v in 0..<labels.exportedNodeCount { records[labels.address(of: v).description] = labels.record(of: v) }
        return try encode(LabelsFile(scheme: labels.exportName, semiring: semiring, labels: records))
    }

    /// CSV with header `neuron,layer,part,key,value`: one row per label entry, a row with the
    /// text as value for packed parts. O(total entries).
    public static func csv(_ labels: some LabelExporting) -> String {
        var lines = ["neuron,layer,part,key,value"]
        for v in 0..<labels.exportedNodeCount {
            let address = labels.address(of: v).description
            let record = labels.record(of: v)
            for part in record.parts {
                if let text = part.text { lines.append("\(address),\(record.layer),\(part.name),,\(text)") }
                for (key, value) in zip(part.keys, part.values) {
                    lines.append("\(address),\(record.layer),\(part.name),\(key),\(value)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"name": ..., "values": {"L1:3": class}, "categorical": ...}`: the format the
    /// renderer's `--color-by` reads (``LabelClass/number(_:)`` colours continuously).
    /// O(V).
    public static func classes(_ labels: some LabelExporting) throws(CondenseError) -> Data {
        var numbers: [String: Double] = [:], names: [String: String] = [:]
        for (v, labelClass) in labels.labelClasses().enumerated() {
            switch labelClass {
            case .number(let x)?: numbers[labels.address(of: v).description] = x
            case .category(let name)?: names[labels.address(of: v).description] = name
            case nil: continue
            }
        }
        if names.isEmpty {
            return try encode(ClassesFile(name: labels.className, values: numbers.mapValues(ClassValue.number), categorical: false))
        }
        return try encode(ClassesFile(name: labels.className, values: names.mapValues(ClassValue.name), categorical: true))
    }

    private static func encode<T: Encodable>(_ value: T) throws(CondenseError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(value)
        } catch {
            throw .internalError("cannot encode labels as JSON: \(error)")
        }
    }
}

private struct LabelsFile: Encodable {
    var scheme: String
    var semiring: String?
    var labels: [String: LabelRecord]
}

private struct ClassesFile: Encodable {
    var name: String
    var values: [String: ClassValue]
    var categorical: Bool
}

private enum ClassValue: Encodable {
    case number(Double)
    case name(String)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let x): try container.encode(x)
        case .name(let s): try container.encode(s)
        }
    }
}
