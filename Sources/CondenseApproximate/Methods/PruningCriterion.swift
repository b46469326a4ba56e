import CondenseCore

/// A pruning baseline: one importance score per neuron, computed once on the unreduced
/// network (one-shot pruning), and the `counts[l]` least important neurons of every layer
/// are dropped with no compensation, as the published criteria are used without
/// fine-tuning.
public protocol PruningCriterion: ReductionMethod {
    /// Importance of every neuron, one array per layer (empty for the input and output
    /// layers): lower is removed first.
    func scores(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]]
}

extension PruningCriterion {
    public var family: MethodFamily { .baseline }

    /// The scores, L2-normalised per layer (Molchanov et al. 2017). O(cost of ``scores(of:calibration:)``).
    public func priorities(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        PriorityNormalization.l2(try scores(of: network, calibration: calibration))
    }

    /// Drops the lowest-scored neurons of every layer. O(scores + V log V + parameters).
    public func reduce(_ network: Network, removing counts: [Int], calibration: CalibrationData?)
        throws(CondenseError) -> Reduction
    {
        try validate(counts, for: network)
        let scores = try scores(of: network, calibration: calibration)
        var state = ReductionState(network: network)
        for l in network.hiddenLayers where counts[l] > 0 {
            let order = scores[l].indices.sorted { (scores[l][$0], $0) < (scores[l][$1], $1) }
            let removed = Array(order.prefix(counts[l]))
            state.remove(removed, fromLayer: l) { i, id in
                NeuronFate(neuron: id, rule: .pruned, evidence: ["score": scores[l][i]])
            }
        }
        return try state.reduction()
    }
}

/// Random neuron removal: the floor every criterion must beat. Seeded. O(V).
public struct RandomPruning: PruningCriterion {
    public var seed: UInt64
    public init(seed: UInt64 = 0) { self.seed = seed }
    public var name: String { "random" }
    public var summary: String { "uniformly random neurons, no compensation" }
    public var needsCalibration: Bool { false }

    public func scores(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        return network.layers.indices.map { l in
            network.hiddenLayers.contains(l) ? (0..<network.layers[l].width).map { _ in rng.nextUnit() } : []
        }
    }
}

/// Magnitude of the incoming weights (L1: Li et al., "Pruning filters for efficient
/// ConvNets", ICLR 2017; L2: He et al., "Soft filter pruning", IJCAI 2018, and the usual
/// neuron-pruning reference). O(parameters).
public struct NeuronMagnitudePruning: PruningCriterion {
    public enum Norm: String, Sendable { case l1, l2 }
    public var norm: Norm
    public init(norm: Norm) { self.norm = norm }
    public var name: String { "magnitude-\(norm.rawValue)" }
    public var summary: String { "smallest \(norm.rawValue.uppercased()) norm of incoming weights, no compensation" }
    public var needsCalibration: Bool { false }

    public func scores(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]] {
        network.layers.indices.map { l in
            guard network.hiddenLayers.contains(l) else { return [] }
            let signatures = Compensation.incomingSignatures(layer: l, of: network, includingBias: false)
            return (0..<signatures.rows).map { i in
                let row = signatures.row(i)
                switch norm {
                case .l1: return row.reduce(0) { $0 + Double(abs($1)) }
                case .l2: return row.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
                }
            }
        }
    }
}
