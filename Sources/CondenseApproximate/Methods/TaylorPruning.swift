import CondenseCore

/// First-order Taylor criterion (Molchanov, Tyree, Karras, Aila, Kautz, "Pruning
/// convolutional neural networks for resource efficient inference", ICLR 2017; arXiv
/// 2016): a neuron's importance is `mean over samples of |a * dL/da|`, the first-order
/// change of the loss when its output is zeroed, with the cross-entropy loss against the
/// calibration labels (or, without labels, the network's own predictions). Scores are
/// L2-normalised per layer for global ranking, as in the paper. No compensation.
/// One forward and one backward pass: O(samples * parameters).
public struct TaylorPruning: PruningCriterion {
    public init() {}
    public var name: String { "taylor" }
    public var summary: String { "first-order Taylor |a dL/da| on calibration data (Molchanov et al. 2016), no compensation" }
    public var needsCalibration: Bool { true }

    public func scores(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        let data = try calibration.required(by: name)
        let activations = try network.forwardAll(data.inputs)
        let labels = data.labels ?? Self.predictions(activations.values[network.layers.count - 1])
        let gradients = try Backpropagation.outputGradients(of: network, activations: activations, labels: labels)
        let n = Double(data.count)
        return network.layers.indices.map { l in
            guard network.hiddenLayers.contains(l) else { return [] }
            let a = activations.values[l], g = gradients[l]
            var sums = [Double](repeating: 0, count: a.columns)
            for e in a.values.indices { sums[e % a.columns] += Double(abs(a.values[e] * g.values[e])) }
            return sums.map { $0 / n }
        }
    }

    /// Arg-max of every row (the network's own labels). O(rows x columns).
    static func predictions(_ logits: Matrix) -> [Int] {
        (0..<logits.rows).map { r in
            let row = logits.row(r)
            return (row.indices.max { row[$0] < row[$1] } ?? row.startIndex) - row.startIndex
        }
    }
}
