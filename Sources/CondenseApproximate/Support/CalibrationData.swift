import CondenseCore

/// Samples a reduction method may run the network on: calibration inputs (one row per
/// sample) and, optionally, their class labels (needed by the gradient-based Taylor
/// criterion and by accuracy targets). Taken from the training split, never the test split.
public struct CalibrationData: Sendable {
    public let inputs: Matrix
    public let labels: [Int]?

    /// Checks that there is at least one sample and, with labels, one label per sample
    /// (non-negative). O(samples).
    public init(inputs: Matrix, labels: [Int]? = nil) throws(CondenseError) {
        guard inputs.rows > 0 else { throw .invalidData("the calibration data has no samples") }
        if let labels {
            guard labels.count == inputs.rows else {
                throw .invalidData("\(labels.count) calibration labels for \(inputs.rows) samples")
            }
            guard labels.allSatisfy({ $0 >= 0 }) else { throw .invalidData("a calibration label is negative") }
        }
        self.inputs = inputs
        self.labels = labels
    }

    public var count: Int { inputs.rows }

    /// The labels, or an error naming `method` that needs them.
    func requireLabels(for method: String) throws(CondenseError) -> [Int] {
        guard let labels else { throw .invalidArgument("\(method) needs labelled calibration data") }
        return labels
    }
}

extension Optional where Wrapped == CalibrationData {
    /// The calibration data, or an error naming `method` that needs it.
    func required(by method: String) throws(CondenseError) -> CalibrationData {
        guard let data = self else {
            throw .invalidArgument("\(method) needs calibration data")
        }
        return data
    }
}
