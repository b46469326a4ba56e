import CondenseCore

/// How much a simplified network's outputs differ from the original's on a batch:
/// the measured part of a collapse certificate.
public struct OutputDeviation: Sendable, Hashable, Codable {
    /// Number of inputs compared.
    public var samples: Int
    /// `max |y' - y|` over samples and outputs, on the last layer's values (logits, before
    /// the output transform).
    public var maxAbsChange: Double
    /// `max |y|` of the original outputs: the scale relative changes refer to.
    public var outputScale: Double
    /// `maxAbsChange / outputScale` (0 when both are 0).
    public var maxRelativeChange: Double
    /// `max |y' - y|` after the model's output transform (softmax, ...), if it has one.
    public var maxAbsChangeTransformed: Double?
    /// Fraction of samples whose arg-max output is the same.
    public var predictionAgreement: Double

    enum CodingKeys: String, CodingKey {
        case samples
        case maxAbsChange = "max_abs_change"
        case outputScale = "output_scale"
        case maxRelativeChange = "max_relative_change"
        case maxAbsChangeTransformed = "max_abs_change_transformed"
        case predictionAgreement = "prediction_agreement"
    }

    /// Runs both networks on `inputs` (rows are samples) with the BLAS forward pass.
    /// O(samples * (parameters of both)).
    public static func measure(original: Network, simplified: Network, inputs: Matrix) throws(CondenseError)
        -> OutputDeviation
    {
        let y = try original.forward(inputs, applyingOutputTransform: false)
        let z = try simplified.forward(inputs, applyingOutputTransform: false)
        guard y.rows == z.rows, y.columns == z.columns else {
            throw .shapeMismatch("the simplified network has \(z.columns) outputs, the original \(y.columns)")
        }
        let change = maxAbsDifference(y, z)
        let scale = Double(y.maxAbs)
        var transformed: Double?
        if original.outputTransform != .none {
            var ty = y, tz = z
            original.outputTransform.apply(to: &ty)
            simplified.outputTransform.apply(to: &tz)
            transformed = maxAbsDifference(ty, tz)
        }
        let agreeing = (0..<y.rows).filter { argmax(y.row($0)) == argmax(z.row($0)) }.count
        return OutputDeviation(
            samples: inputs.rows, maxAbsChange: change, outputScale: scale,
            maxRelativeChange: scale > 0 ? change / scale : change, maxAbsChangeTransformed: transformed,
            predictionAgreement: inputs.rows > 0 ? Double(agreeing) / Double(inputs.rows) : 1)
    }

    /// Compares two output batches of the same shape (rows are samples), e.g. a whole
    /// graph's outputs with the original and with the simplified core. O(outputs).
    public static func compare(original y: Matrix, simplified z: Matrix) throws(CondenseError) -> OutputDeviation {
        guard y.rows == z.rows, y.columns == z.columns else {
            throw .shapeMismatch("the simplified model has outputs \(z.rows) x \(z.columns), the original \(y.rows) x \(y.columns)")
        }
        let change = maxAbsDifference(y, z)
        let scale = Double(y.maxAbs)
        let agreeing = (0..<y.rows).filter { argmax(y.row($0)) == argmax(z.row($0)) }.count
        return OutputDeviation(
            samples: y.rows, maxAbsChange: change, outputScale: scale,
            maxRelativeChange: scale > 0 ? change / scale : change, maxAbsChangeTransformed: nil,
            predictionAgreement: y.rows > 0 ? Double(agreeing) / Double(y.rows) : 1)
    }

    private static func maxAbsDifference(_ a: Matrix, _ b: Matrix) -> Double {
        zip(a.values, b.values).reduce(0) { max($0, Double(abs($1.0 - $1.1))) }
    }

    private static func argmax(_ row: ArraySlice<Float>) -> Int {
        row.indices.max { row[$0] < row[$1] } ?? 0
    }
}
