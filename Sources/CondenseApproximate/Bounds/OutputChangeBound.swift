import CondenseCore

/// Bounds on `max |y'(x) - y(x)|` over the outputs (last layer's values, before the output
/// transform) of a simplified network `y'` against the network `y` it came from.
public struct OutputChangeBound: Sendable, Hashable, Codable {
    /// Holds for every input of the box `[lo, hi]^d` (`nil` without an input domain).
    public var domain: Double?
    /// Holds for every calibration sample it was computed on (`nil` without calibration data).
    public var calibration: Double?
    /// Holds for every input of the box: CROWN on the two networks side by side
    /// (``CondenseCollapse/DifferenceBound``), the tighter bound on the domain.
    public var sideBySide: Double?

    public init(domain: Double? = nil, calibration: Double? = nil, sideBySide: Double? = nil) {
        self.domain = domain
        self.calibration = calibration
        self.sideBySide = sideBySide
    }

    /// The tightest bound that holds on the whole box: the smaller of ``domain`` and ``sideBySide``.
    public var onDomain: Double? {
        switch (domain, sideBySide) {
        case let (a?, b?): return min(a, b)
        case let (a, b): return a ?? b
        }
    }

    enum CodingKeys: String, CodingKey {
        case domain, calibration
        case sideBySide = "side_by_side"
    }
}

/// The error-bound analysis of a simplification, from path labels.
///
/// Write `z_m`, `a_m` for the original network's pre-activations and outputs and `z'_m`,
/// `a'_m` for the simplified one's (on its surviving neurons `S_m`). For every layer,
/// `z'_m - z_m[S_m] = sum_s W'_{s,m} (a'_s - a_s[S_s]) + r_m(x)`, where the *residual*
/// `r_m(x) = sum_s (W'_{s,m} E_s - W_{s,m}[S_m, :]) a_s(x) + b'_m - b_m[S_m]` depends on the
/// original activations only (`E_s` embeds `S_s`). With `|f(u) - f(v)| <= L_f |u - v|`,
/// `|Δz_m| <= sum_s |W'_{s,m}| L_s |Δz_s| + |r_m|`, so
///
///     max_o |Δy_o| <= max_o sum_m sum_i R_m[i] P_m[i, o],
///
/// where `R_m[i]` bounds `|r_m[i]|` and `P_m[i, o]` is the path norm from neuron `i` of
/// layer `m` to output `o` in the simplified network: the sum over paths of the products
/// of `|w|` and the activations' Lipschitz constants (Neyshabur et al. 2015), one
/// backward dynamic program over `|W'|`. `R_m` is taken over the input box by
/// back-substitution (CROWN, via ``SymbolicBounds`` on an auxiliary network whose last
/// hidden layer computes `r_m`), or over given samples exactly, which makes the bound hold
/// on those samples. For a neuron `j` merged into `i` by scale, `r` is
/// `W[:, j] (c a_i + d - a_j)`: the activation error of the merge times its path norm.
///
/// Time: path norms O(parameters x outputs); sample residuals O(samples x parameters);
/// box residuals one symbolic bound computation per changed layer.
public struct ErrorBoundAnalysis: Sendable {
    public let original: Network
    public let simplified: Network
    /// `survivors[l]`: the original indices of the simplified network's neurons of layer `l`.
    public let survivors: [[Int]]
    /// `pathNorms[m]`: `P_m`, row-major `width'(m) x outputs`; empty for the input layer.
    public let pathNorms: [[Double]]

    public init(original: Network, simplified: Network, survivors: [[Int]]) throws(CondenseError) {
        guard original.layers.count == simplified.layers.count, survivors.count == original.layers.count,
              original.inputWidth == simplified.inputWidth, original.outputWidth == simplified.outputWidth
        else { throw .invalidArgument("the simplified network does not have the original's layers") }
        for l in original.layers.indices {
            guard survivors[l].count == simplified.layers[l].width,
                  survivors[l].allSatisfy({ (0..<original.layers[l].width).contains($0) }),
                  zip(survivors[l], survivors[l].dropFirst()).allSatisfy({ $0 < $1 })
            else { throw .invalidArgument("the survivors of layer \(l) do not match the networks") }
        }
        self.original = original
        self.simplified = simplified
        self.survivors = survivors
        pathNorms = Self.pathNorms(of: simplified)
    }

    /// `P_m` for every layer by one backward pass over `|W'|`. O(parameters x outputs).
    static func pathNorms(of network: Network) -> [[Double]] {
        let last = network.layers.count - 1, outputs = network.outputWidth
        var norms = [[Double]](repeating: [], count: network.layers.count)
        var identity = [Double](repeating: 0, count: outputs * outputs)
        for o in 0..<outputs { identity[o * outputs + o] = network.layers[last].activation.lipschitzConstant }
        norms[last] = identity
        for m in stride(from: last - 1, through: 1, by: -1) {
            let width = network.layers[m].width
            var p = [Double](repeating: 0, count: width * outputs)
            for t in network.consumers(of: m) {
                guard let w = network.layers[t].connection(from: m)?.weights else { continue }
                for r in 0..<w.rows {
                    for i in 0..<width where w[r, i] != 0 {
                        let a = Double(abs(w[r, i]))
                        for o in 0..<outputs { p[i * outputs + o] += a * norms[t][r * outputs + o] }
                    }
                }
            }
            let lipschitz = network.layers[m].activation.lipschitzConstant
            norms[m] = p.map { $0 * lipschitz }
        }
        return norms
    }

    /// `max_o sum_m sum_i residuals[m][i] P_m[i, o]`. O(V x outputs).
    public func bound(residuals: [[Double]]) -> Double {
        let outputs = original.outputWidth
        var total = [Double](repeating: 0, count: outputs)
        for m in 1..<simplified.layers.count where !residuals[m].isEmpty {
            for (i, r) in residuals[m].enumerated() where r > 0 {
                for o in 0..<outputs { total[o] += r * pathNorms[m][i * outputs + o] }
            }
        }
        return total.max() ?? 0
    }

    /// Path norm from original neuron `j` of layer `l` (removed or not) to the outputs, through
    /// its original outgoing weights into surviving neurons, then the simplified network:
    /// `max_o sum_m sum_i |W_{l,m}[S_m[i], j]| P_m[i, o]`. O(consumers' widths x outputs).
    public func pathNorm(ofOriginal j: Int, layer l: Int) -> Double {
        let outputs = original.outputWidth
        var total = [Double](repeating: 0, count: outputs)
        for m in original.consumers(of: l) {
            guard let w = original.layers[m].connection(from: l)?.weights else { continue }
            for (i, row) in survivors[m].enumerated() where w[row, j] != 0 {
                let a = Double(abs(w[row, j]))
                for o in 0..<outputs { total[o] += a * pathNorms[m][i * outputs + o] }
            }
        }
        return total.max() ?? 0
    }
}
