import CondenseCore

/// Activation statistics on calibration data, computed once on the unreduced network:
/// the mean activation (the criterion Molchanov et al. 2017 compare against) or the
/// average percentage of zeros, APoZ (Hu, Peng, Tai, Tang, "Network trimming: a
/// data-driven neuron pruning approach", 2016), where the most often inactive neurons go
/// first. One forward pass: O(samples * parameters).
public struct ActivationPruning: PruningCriterion {
    public enum Statistic: String, Sendable {
        /// Mean absolute activation; the smallest go.
        case mean
        /// Fraction of samples with a zero output; the largest go.
        case apoz
    }

    public var statistic: Statistic
    public init(statistic: Statistic) { self.statistic = statistic }
    public var name: String { statistic == .mean ? "mean-activation" : "apoz" }
    public var summary: String {
        statistic == .mean ? "smallest mean activation on calibration data, no compensation"
            : "highest average percentage of zeros (Hu et al. 2016), no compensation"
    }
    public var needsCalibration: Bool { true }

    public func scores(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        let data = try calibration.required(by: name)
        let activations = try network.forwardAll(data.inputs)
        let n = Double(data.count)
        return network.layers.indices.map { l in
            guard network.hiddenLayers.contains(l) else { return [] }
            let a = activations.values[l]
            var sums = [Double](repeating: 0, count: a.columns)
            for r in 0..<a.rows {
                for c in 0..<a.columns {
                    let v = a.values[r * a.columns + c]
                    switch statistic {
                    case .mean: sums[c] += Double(abs(v))
                    case .apoz: sums[c] += v != 0 ? 1 : 0
                    }
                }
            }
            // For APoZ the score is the fraction of non-zero outputs: 1 - APoZ.
            return sums.map { $0 / n }
        }
    }
}
