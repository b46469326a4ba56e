import CondenseCore

/// How approximate unit collapse picks the units (conv channels or neurons) to remove in
/// each layer: Condense's least-squares elimination and the published criteria, each run
/// with and without the same least-squares compensation (``UnitCompensation``).
public enum UnitCriterion: String, Sendable, CaseIterable, Codable {
    /// Greedy backward elimination: removes the unit whose contribution to its consumer's
    /// pre-activation the remaining units reconstruct best by least squares (the increase
    /// `β_c² / [G⁻¹]_cc` of the residual, with `G` the Gram matrix of contributions and the
    /// inverse downdated after each removal; Hassibi & Stork's OBS step on the unit level).
    case condense
    /// Seeded uniform choice.
    case random
    /// Smallest L1 norm of the unit's own (BN-scaled) weights: Li et al., "Pruning Filters for
    /// Efficient ConvNets", ICLR 2017.
    case l1
    /// Highest average percentage of zeros of its output: Hu et al., "Network Trimming", 2016.
    case apoz
    /// Lowest average rank of its feature maps: Lin et al., "HRank", CVPR 2020.
    case hrank
    /// Greedy choice of the set whose summed contribution to the next layer is smallest:
    /// Luo et al., "ThiNet", ICCV 2017.
    case thinet
    /// Column-subset selection by QR with column pivoting (LAPACK `sgeqp3`) on the units'
    /// contributions: keeps the most linearly independent ones.
    case qr
    /// Neuron Merging (Kim et al., NeurIPS 2020): smallest L2 norm pruned, each merged into the
    /// kept unit of the most similar weights (cosine ≥ 0.45) with the norm ratio as factor
    /// (their data-free compensation), in uncoupled layers; coupled layers are pruned by L2.
    case merge
    /// Smallest first-order Taylor estimate of the loss change when the unit's output is set
    /// to 0: the mean over samples of `|Σ_positions a · ∂L/∂a|` on its (pooled) feature map,
    /// with the cross-entropy against the calibration labels (the model's own predictions when
    /// there are none): Molchanov et al., "Pruning Convolutional Neural Networks for Resource
    /// Efficient Inference", ICLR 2017 (arXiv 2016). Gradients by ``CondenseTrain/GraphDifferentiator``.
    case taylor

    /// Whether the criterion reads calibration activations.
    public var needsData: Bool { ![.random, .l1, .merge].contains(self) }
}

/// How approximate unit collapse spreads its removals over the layers.
public enum UnitAllocation: String, Sendable, CaseIterable, Codable {
    /// The same fraction of every removable layer (every criterion).
    case uniform
    /// Condense only: the same total, taken where the least-squares error grows least.
    case global
}

/// What the consumers of removed units do about it.
public enum UnitCompensation: String, Sendable, CaseIterable, Codable {
    /// Nothing: the consumer weights that read removed units are dropped.
    case none
    /// Each consumer's weights over its kept inputs are re-fitted by ridge least squares
    /// (LAPACK) to its original pre-activation on calibration data, layer after layer in
    /// topological order on the already simplified upstream (as ThiNet and Kim et al.
    /// reconstruct), with sub-sampled spatial positions for convolutions.
    case leastSquares = "ls"
}
