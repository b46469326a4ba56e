import CondenseCollapse
import CondenseCore
import CondenseEval
import CondenseONNX

/// Output changes measured on the whole graph (pre-processing, core, post-processing),
/// the part of a certificate that does not trust the core alone.
public struct WholeGraphCheck: Sendable, Codable {
    /// The graph output compared (the model's score output).
    public var output: String
    /// Seeded uniform points of the model's input domain.
    public var randomPoints: OutputDeviation?
    /// The given data.
    public var data: OutputDeviation?
    /// The written file read back and run against the simplified model in memory.
    public var exportRoundTrip: OutputDeviation?

    enum CodingKeys: String, CodingKey {
        case output, data
        case randomPoints = "random_points"
        case exportRoundTrip = "export_round_trip"
    }

    /// The score outputs of `model` with `original` and with `simplified` in place of its core, on `inputs`.
    public static func measure(_ model: ONNXModel, original: Network, simplified: Network, inputs: Matrix) throws(CondenseError) -> OutputDeviation {
        let evaluator = ModelEvaluator()
        let y = try evaluator.outputs(of: model, network: original, on: inputs).scores
        let z = try evaluator.outputs(of: model, network: simplified, on: inputs).scores
        return try OutputDeviation.compare(original: y, simplified: z)
    }

    /// The score outputs of `original` (as read) against `simplified` with `network` in
    /// place of its core, on `inputs`: the check when units outside the core changed too.
    public static func measure(_ original: ONNXModel, against simplified: ONNXModel, network: Network, inputs: Matrix) throws(CondenseError) -> OutputDeviation {
        let evaluator = ModelEvaluator()
        let y = try evaluator.outputs(of: original, on: inputs).scores
        let z = try evaluator.outputs(of: simplified, network: network, on: inputs).scores
        return try OutputDeviation.compare(original: y, simplified: z)
    }

    /// The file at `path` (its own graph, every node run) against `model` with `network` in place of its core.
    public static func readBack(_ path: String, against model: ONNXModel, network: Network, inputs: Matrix) throws(CondenseError) -> OutputDeviation {
        let reloaded = try ONNXModel.load(path: path)
        let evaluator = ModelEvaluator()
        let y = try evaluator.outputs(of: model, network: network, on: inputs).scores
        let z = try evaluator.outputs(of: reloaded, on: inputs).scores
        return try OutputDeviation.compare(original: y, simplified: z)
    }
}
