import CondenseCore

/// Interval bound propagation (interval arithmetic; Gowal et al., "On the effectiveness
/// of interval bound propagation", 2018): with `W = W+ + W-` split by sign,
/// `z in [W+ l + W- u + b, W+ u + W- l + b]` for inputs `x in [l, u]`, layer by layer,
/// through monotone activations. O(parameters) in double precision.
public struct IntervalBounds: BoundPropagation {
    public init() {}

    public func bounds(of network: Network, on domain: InputBox) -> PreActivationBounds {
        var result = PreActivationBounds(
            inputWidth: network.inputWidth, domain: domain, activations: network.layers.map(\.activation))
        for l in 1..<network.layers.count {
            let (lower, upper) = Self.preActivationBounds(of: network.layers[l], given: result)
            result.lower.append(lower)
            result.upper.append(upper)
        }
        return result
    }

    /// Bounds on the pre-activations of `layer`, given bounds of (at least) its source
    /// layers. O(parameters of the layer).
    public static func preActivationBounds(of layer: Layer, given bounds: PreActivationBounds)
        -> (lower: [Double], upper: [Double])
    {
        var lower = layer.bias.map(Double.init)
        var upper = lower
        for block in layer.inputs {
            let (xl, xu) = bounds.outputBounds(ofLayer: block.source)
            let w = block.weights
            for i in 0..<w.rows {
                var lo = 0.0, hi = 0.0
                for j in 0..<w.columns {
                    let x = Double(w.values[i * w.columns + j])
                    if x >= 0 {
                        lo += x * xl[j]
                        hi += x * xu[j]
                    } else {
                        lo += x * xu[j]
                        hi += x * xl[j]
                    }
                }
                lower[i] += lo
                upper[i] += hi
            }
        }
        return (lower, upper)
    }
}
