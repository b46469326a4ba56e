import CondenseCore

/// Lower and upper bounds on every layer's pre-activations `z = W x + b` for all inputs
/// in a box `[lo, hi]^d`: what the stability rule reads. Layer 0 holds the box itself.
public struct PreActivationBounds: Sendable, Hashable {
    /// `lower[l][i] <= z_l[i]` for every input in the box.
    public var lower: [[Double]]
    /// `z_l[i] <= upper[l][i]` for every input in the box.
    public var upper: [[Double]]
    /// Activation of each layer, to turn pre-activation bounds into output bounds.
    public let activations: [Activation]
    /// Candidates a time-limited search left unproven (their bounds stay the looser ones).
    public var unprovenAtTimeLimit = 0

    /// Bounds of the input layer only: the box.
    init(inputWidth: Int, domain: InputBox, activations: [Activation]) {
        lower = [domain.lower.map(Double.init)]
        upper = [domain.upper.map(Double.init)]
        self.activations = activations
    }

    /// Bounds on the outputs `f(z)` of layer `l` (every activation is monotone). O(width).
    public func outputBounds(ofLayer l: Int) -> (lower: [Double], upper: [Double]) {
        guard l > 0 else { return (lower[0], upper[0]) }
        let f = activations[l]
        return (lower[l].map { f.value($0) }, upper[l].map { f.value($0) })
    }
}

/// A way to bound pre-activations over an input box (interval arithmetic, CROWN, ...).
public protocol BoundPropagation: Sendable {
    /// Bounds for every layer of `network` over the box `domain` of its inputs.
    func bounds(of network: Network, on domain: InputBox) -> PreActivationBounds
}

extension BoundPropagation {
    /// Bounds for every layer of `network` over the cube `range^d` of its `d` inputs.
    public func bounds(of network: Network, on range: ClosedRange<Float>) -> PreActivationBounds {
        bounds(of: network, on: InputBox(uniform: range, width: network.inputWidth))
    }
}

extension Activation {
    /// The activation in double precision, for bound computations. O(1).
    func value(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .relu: return max(z, 0)
        case .leakyRelu(let alpha): return z >= 0 ? z : Double(alpha) * z
        case .sigmoid, .tanh: return Double(self(Float(z)))
        }
    }
}
