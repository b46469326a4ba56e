import CondenseCore
import Foundation

/// What happened to one removed unit (conv channel or neuron) of a model Condense wrote, as
/// the model's metadata `condense.unit_fates` keeps it (a JSON array), so that `render
/// --units --compare` can mark every removed or merged channel without a separate report.
public struct UnitFateRecord: Sendable, Codable, Equatable {
    /// The unit layer (its node's name) and the unit's index in the model as read.
    public var layer: String
    public var unit: Int
    /// `constant`, `proportional`, `dead_end` (exact) or `pruned`, `merged` (approximate).
    public var rule: String
    /// For a merge, the unit it went into.
    public var into: Int?

    public init(layer: String, unit: Int, rule: String, into: Int? = nil) {
        self.layer = layer
        self.unit = unit
        self.rule = rule
        self.into = into
    }

    /// The metadata key.
    public static let metadataKey = "condense.unit_fates"

    /// The records as the metadata value (compact JSON).
    public static func metadataValue(_ records: [UnitFateRecord]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(records), as: UTF8.self)) ?? "[]"
    }
}

extension ONNXModel {
    /// The unit fates a Condense simplification wrote into the model, if any; malformed metadata is an error.
    public func unitFates() throws(CondenseError) -> [UnitFateRecord]? {
        guard let text = metadata[UnitFateRecord.metadataKey] else { return nil }
        do {
            return try JSONDecoder().decode([UnitFateRecord].self, from: Data(text.utf8))
        } catch {
            throw .invalidModel("the model's \(UnitFateRecord.metadataKey) metadata is not a list of unit fates")
        }
    }
}
