import CondenseCollapse
import CondenseCore

/// The error bound of each removal, next to the total: the removed neuron's activation error
/// (how far `a_j` is from what its consumers now read instead, `c a_i + d`) times its path
/// norm to the outputs (``ErrorBoundAnalysis/pathNorm(ofOriginal:layer:)``). For merges by
/// scale the per-merge bounds add up to a bound on the whole change; with a least-squares
/// re-fit the consumers read a re-fitted combination, and only the total bound of
/// ``ErrorBoundAnalysis`` holds.
struct MergeBounds {
    let analysis: ErrorBoundAnalysis
    /// The original network's activations on the calibration samples.
    let calibration: LayerActivations?
    /// The original network's pre-activation bounds on the input box.
    let domain: PreActivationBounds?

    /// Adds `path_norm`, `activation_error_*` and `bound_*` (calibration, domain) to the
    /// evidence of every fate. O(fates x (samples + fan-in + consumers' widths x outputs)).
    func annotate(_ fates: [NeuronFate]) -> [NeuronFate] {
        fates.map { fate in
            var fate = fate
            let l = fate.neuron.layer, j = fate.neuron.index
            let i = fate.partner?.index
            let c = fate.factor ?? 0, d = fate.evidence["offset"] ?? 0
            let pathNorm = analysis.pathNorm(ofOriginal: j, layer: l)
            fate.evidence["path_norm"] = pathNorm
            if let calibration {
                let a = calibration.values[l]
                var worst = 0.0
                for s in 0..<a.rows {
                    let partner = i.map { Double(a[s, $0]) } ?? 0
                    worst = max(worst, abs(Double(a[s, j]) - c * partner - d))
                }
                fate.evidence["activation_error_calibration"] = worst
                fate.evidence["bound_calibration"] = worst * pathNorm
            }
            if let domain {
                let error = domainError(layer: l, j, partner: i, factor: c, offset: d, bounds: domain)
                fate.evidence["activation_error_domain"] = error
                fate.evidence["bound_domain"] = error * pathNorm
            }
            return fate
        }
    }

    /// `max |a_j - c a_i - d|` over the box: the interval of the difference of the two outputs,
    /// and, for positively homogeneous activations with `c > 0`, `L max |z_j - c z_i| + |d|`
    /// (interval arithmetic on the difference of the signatures), whichever is smaller. O(fan-in).
    private func domainError(layer l: Int, _ j: Int, partner i: Int?, factor c: Double, offset d: Double,
                             bounds: PreActivationBounds) -> Double {
        let (lo, hi) = bounds.outputBounds(ofLayer: l)
        let (pl, ph) = i.map { (c >= 0 ? c * lo[$0] : c * hi[$0], c >= 0 ? c * hi[$0] : c * lo[$0]) } ?? (0, 0)
        var error = max(abs(lo[j] - ph - d), abs(hi[j] - pl - d))
        let layer = analysis.original.layers[l]
        guard let i, c > 0, layer.activation.isPositivelyHomogeneous else { return error }
        var center = Double(layer.bias[j]) - c * Double(layer.bias[i]), radius = 0.0
        for block in layer.inputs {
            let (sl, sh) = bounds.outputBounds(ofLayer: block.source)
            for k in 0..<block.weights.columns {
                let w = Double(block.weights[j, k]) - c * Double(block.weights[i, k])
                center += w * (sl[k] + sh[k]) / 2
                radius += abs(w) * (sh[k] - sl[k]) / 2
            }
        }
        error = min(error, layer.activation.lipschitzConstant * (abs(center) + radius) + abs(d))
        return error
    }
}
