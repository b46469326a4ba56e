import CondenseCore

/// Symbolic bounds, then branch and bound on first-layer ReLU splits for the second
/// hidden layer: a complete method in the limit, run only where it can pay off.
///
/// CROWN (``SymbolicBounds``) is sound but incomplete: it can leave a neuron "unstable"
/// that never switches on the box, which an exact MILP (as in LEO, Serra et al. 2020)
/// would prove stable. For a neuron `t` of the second hidden layer,
/// `z2_t = b_t + sum_i v_i relu(z1_i)` with `z1 = W1 x + b1` affine in the input, so the
/// first-layer splits `z1_i >= 0` / `z1_i <= 0` are linear constraints on `x`. Each
/// subdomain of a branch and bound over these splits is bounded by a Lagrangian
/// relaxation: split neurons are exact (active: `z1_i`, inactive: 0) with their constraint
/// priced by a multiplier `beta_i >= 0`; free unstable neurons take the triangle's upper
/// chord (coefficient `>= 0`) or the lower line `alpha_i z1_i`, `alpha_i` in [0, 1]
/// (coefficient `< 0`); the result is affine in `x` and maximised over the box in closed
/// form. `alpha` and `beta` are optimised by projected subgradient steps (as in
/// alpha/beta-CROWN: Xu et al., ICLR 2021; Wang et al., NeurIPS 2021); every iterate is a
/// valid bound. Branching takes the free neuron with the largest relaxation area times
/// `|v_i|` (BaBSR-like, Bunel et al. 2020).
///
/// Only *candidates* are searched: second-layer neurons that CROWN leaves unstable but
/// whose sign never changes on `samples` seeded random points of the box (a neuron seen on
/// both sides cannot be stable). A search stops when every open subdomain is bounded by 0
/// (proved), when the maximiser of a subdomain's relaxation switches the neuron
/// (disproved), or after `nodeBudget` subdomains (left unstable). Applies when the first
/// two hidden layers are ReLU layers reading only their predecessor; otherwise the bounds
/// are ``SymbolicBounds``'.
///
/// Time: the symbolic bounds, plus for each candidate and side at most
/// `nodeBudget * iterations` evaluations of O(d * n1) each (`d` inputs, `n1` first-layer
/// neurons), as `dgemv` products.
public struct SplitBounds: BoundPropagation {
    public var samples: Int
    public var nodeBudget: Int
    public var iterations: Int
    /// Seconds the searches may take in all (`nil`: no limit); candidates left when it runs
    /// out keep their symbolic bounds and are counted in ``PreActivationBounds/unprovenAtTimeLimit``.
    public var timeLimit: Double?

    public init(samples: Int = 1024, nodeBudget: Int = 400, iterations: Int = 40, timeLimit: Double? = nil) {
        self.samples = samples
        self.nodeBudget = nodeBudget
        self.iterations = iterations
        self.timeLimit = timeLimit
    }

    public func bounds(of network: Network, on domain: InputBox) -> PreActivationBounds {
        var result = SymbolicBounds().bounds(of: network, on: domain)
        guard SplitProblem.applies(to: network) else { return result }
        let candidates = self.candidates(network, result, domain)
        guard !candidates.isEmpty, let problem = SplitProblem(network: network, bounds: result, domain: domain) else {
            return result
        }
        let clock = ContinuousClock(), start = clock.now
        for (k, (t, side)) in candidates.enumerated() {
            if let timeLimit, (clock.now - start) > .milliseconds(Int64(timeLimit * 1000)) {
                result.unprovenAtTimeLimit = candidates.count - k
                break
            }
            var search = SplitSearch(problem: problem, target: t, sign: side, iterations: iterations)
            guard search.proves(budget: nodeBudget) else { continue }
            if side > 0 { result.upper[2][t] = min(result.upper[2][t], 0) } else { result.lower[2][t] = max(result.lower[2][t], 0) }
        }
        return result
    }

    /// Unstable second-layer neurons whose sign is the same on every random point:
    /// `(t, +1)` for never positive (try to prove dead), `(t, -1)` for never negative.
    func candidates(_ network: Network, _ bounds: PreActivationBounds, _ domain: InputBox) -> [(Int, Double)] {
        guard samples > 0 else { return [] }
        let points = RandomPoints.uniform(count: samples, box: domain, seed: 0x5EED)
        guard let pre = try? network.forwardAll(points).preActivations[2] else { return [] }
        var result: [(Int, Double)] = []
        for t in 0..<network.layers[2].width where bounds.lower[2][t] < 0 && bounds.upper[2][t] > 0 {
            var low = Float.infinity, high = -Float.infinity
            for r in 0..<pre.rows {
                low = min(low, pre[r, t])
                high = max(high, pre[r, t])
            }
            if high <= 0 { result.append((t, 1)) } else if low >= 0 { result.append((t, -1)) }
        }
        return result
    }
}
