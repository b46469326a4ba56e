import CondenseCore
import Foundation

/// One method at one fraction.
public struct SweepRow: Sendable, Codable, Hashable {
    public var method: String
    /// `condense`, `baseline` or `reference` (the SVD row, which removes no neuron).
    public var family: String
    /// The requested fraction of hidden neurons to remove.
    public var fraction: Double
    /// Hidden neurons removed (exact collapse included).
    public var removed: Int
    public var hiddenNeurons: Int
    public var parameters: Int
    /// Test accuracy in [0, 1].
    public var accuracy: Double
    /// Test accuracy drop against the original network, in percentage points.
    public var drop: Double
    /// `max |Δ logit|` on the test data.
    public var maxChangeTest: Double
    /// The output-change bound that holds on the calibration samples, and the change measured there.
    public var boundCalibration: Double?
    public var maxChangeCalibration: Double?
    /// The allocation used (the one chosen on calibration data when several were tried).
    public var allocation: String = ""
    /// Seconds for the reductions (priorities, allocation and method, every allocation
    /// tried), without the test evaluation.
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case method, family, fraction, removed, parameters, accuracy, drop, seconds, allocation
        case hiddenNeurons = "hidden_neurons"
        case maxChangeTest = "max_change_test"
        case boundCalibration = "bound_calibration"
        case maxChangeCalibration = "max_change_calibration"
    }

    var progressLine: String {
        method.padding(toLength: 18, withPad: " ", startingAt: 0)
            + String(format: " %3.0f %%  hidden %4d  accuracy %6.2f %%  drop %6.2f pp  %.2f s  ",
                     fraction * 100, hiddenNeurons, accuracy * 100, drop, seconds) + allocation
    }
}

/// Everything a sweep measured, and the comparison the paper reports.
public struct SweepResult: Sendable, Codable {
    public var hiddenNeurons: Int
    public var parameters: Int
    public var baselineAccuracy: Double
    public var exactRemoved: Int
    public var calibrationSamples: Int
    public var testSamples: Int
    /// The allocations tried for every method.
    public var allocations: [RemovalAllocation]
    public var fractions: [Double]
    public var rows: [SweepRow]
    public var totalSeconds: Double

    enum CodingKeys: String, CodingKey {
        case parameters, allocations, fractions, rows
        case hiddenNeurons = "hidden_neurons"
        case baselineAccuracy = "baseline_accuracy"
        case exactRemoved = "exact_removed"
        case calibrationSamples = "calibration_samples"
        case testSamples = "test_samples"
        case totalSeconds = "total_seconds"
    }

    /// The methods in the order they ran (reference last).
    public var methods: [String] {
        var seen = Set<String>()
        return rows.map(\.method).filter { seen.insert($0).inserted }
    }

    public func row(_ method: String, _ fraction: Double) -> SweepRow? {
        rows.first { $0.method == method && $0.fraction == fraction }
    }

    /// At one fraction: Condense's best method against the best baseline.
    public struct Comparison: Sendable, Codable, Hashable {
        public var fraction: Double
        public var condenseMethod: String
        public var condenseDrop: Double
        public var bestBaseline: String
        public var bestBaselineDrop: Double
        /// Whether Condense's best drop is below every baseline's.
        public var beatsEveryBaseline: Bool

        enum CodingKeys: String, CodingKey {
            case fraction
            case condenseMethod = "condense_method"
            case condenseDrop = "condense_drop"
            case bestBaseline = "best_baseline"
            case bestBaselineDrop = "best_baseline_drop"
            case beatsEveryBaseline = "beats_every_baseline"
        }
    }

    /// One comparison per fraction that has both a Condense row and a baseline row.
    public var comparisons: [Comparison] {
        fractions.compactMap { f in
            let at = rows.filter { $0.fraction == f }
            guard let condense = at.filter({ $0.family == MethodFamily.condense.rawValue }).min(by: { $0.drop < $1.drop }),
                  let baseline = at.filter({ $0.family == MethodFamily.baseline.rawValue }).min(by: { $0.drop < $1.drop })
            else { return nil }
            return Comparison(fraction: f, condenseMethod: condense.method, condenseDrop: condense.drop,
                              bestBaseline: baseline.method, bestBaselineDrop: baseline.drop,
                              beatsEveryBaseline: condense.drop < baseline.drop)
        }
    }
}
