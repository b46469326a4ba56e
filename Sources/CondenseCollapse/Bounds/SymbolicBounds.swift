import COpenBLAS
import CondenseCore

/// Symbolic linear bounds by back-substitution (CROWN, Zhang et al., NeurIPS 2018;
/// DeepPoly, Singh et al., POPL 2019), intersected with interval bounds.
///
/// For each hidden layer `l` in order, the neurons that interval arithmetic leaves
/// unstable get an upper bound of `sign * z_l` (`sign = -1` gives the lower bound): the
/// linear form in the outputs of earlier layers is pushed back layer by layer, replacing
/// each activation by its ``LinearRelaxation`` (upper line where the coefficient is
/// positive, lower line where it is negative) and each pre-activation by its affine map,
/// skip connections included, until only the input box is left, where the form is
/// maximised coordinate by coordinate. Layers use the bounds already tightened.
///
/// Time O(sum over hidden l of r_l * sum over s < l of parameters(s)) with `r_l` the
/// unstable neurons of `l` — O(layers * width * parameters) at worst — as `dgemm`
/// products in double precision; memory O(r_l * widest layer).
public struct SymbolicBounds: BoundPropagation {
    public init() {}

    public func bounds(of network: Network, on domain: InputBox) -> PreActivationBounds {
        var result = IntervalBounds().bounds(of: network, on: domain)
        let weights = network.layers.map { layer in layer.inputs.map { $0.weights.values.map(Double.init) } }
        for l in network.hiddenLayers where network.layers[l].activation != .identity {
            let rows = network.layers[l].width
            let unstable = (0..<rows).filter { result.lower[l][$0] < 0 && result.upper[l][$0] > 0 }
            guard !unstable.isEmpty else { continue }
            let context = BackSubstitution(network: network, weights: weights, bounds: result, domain: domain)
            let upper = context.maximum(ofLayer: l, rows: unstable, sign: 1)
            let negatedLower = context.maximum(ofLayer: l, rows: unstable, sign: -1)
            for (k, i) in unstable.enumerated() {
                result.upper[l][i] = min(result.upper[l][i], upper[k])
                result.lower[l][i] = max(result.lower[l][i], -negatedLower[k])
            }
        }
        return result
    }
}

extension SymbolicBounds {
    /// Bounds of the last layer's values (before any activation it has) over the box, by one
    /// back-substitution each way after the hidden layers' bounds. O(one more layer's worth).
    public func outputBounds(of network: Network, on domain: InputBox) -> (lower: [Double], upper: [Double]) {
        let hidden = bounds(of: network, on: domain)
        let weights = network.layers.map { layer in layer.inputs.map { $0.weights.values.map(Double.init) } }
        let last = network.layers.count - 1
        let rows = Array(0..<network.layers[last].width)
        let context = BackSubstitution(network: network, weights: weights, bounds: hidden, domain: domain)
        let upper = context.maximum(ofLayer: last, rows: rows, sign: 1)
        let lower = context.maximum(ofLayer: last, rows: rows, sign: -1).map { -$0 }
        return (lower, upper)
    }
}

/// One back-substitution: the maximum over the box of `sign * z_l[rows]`.
private struct BackSubstitution {
    let network: Network
    /// `weights[l][c]`: the double-precision values of `network.layers[l].inputs[c]`.
    let weights: [[[Double]]]
    let bounds: PreActivationBounds
    let domain: InputBox

    func maximum(ofLayer l: Int, rows: [Int], sign: Double) -> [Double] {
        let r = rows.count
        let widths = network.layers.map(\.width)
        // coefficients[s]: r x widths[s], row-major, on the outputs of layer s (empty: none yet).
        var coefficients = [[Double]](repeating: [], count: l)
        var constant = rows.map { sign * Double(network.layers[l].bias[$0]) }
        for (c, block) in network.layers[l].inputs.enumerated() {
            let w = weights[l][c]
            let columns = widths[block.source]
            var lambda = [Double](repeating: 0, count: r * columns)
            for (k, i) in rows.enumerated() {
                for j in 0..<columns { lambda[k * columns + j] = sign * w[i * columns + j] }
            }
            accumulate(lambda, into: &coefficients[block.source])
        }
        for s in stride(from: l - 1, through: 1, by: -1) where !coefficients[s].isEmpty {
            var lambda = coefficients[s]
            coefficients[s] = []
            relax(&lambda, columns: widths[s], layer: s, constant: &constant)
            let layer = network.layers[s]
            let bias = layer.bias.map(Double.init)
            Self.multiply(lambda, rows: r, inner: widths[s], bias, columns: 1, into: &constant)
            for (c, block) in layer.inputs.enumerated() {
                let columns = widths[block.source]
                if coefficients[block.source].isEmpty {
                    coefficients[block.source] = [Double](repeating: 0, count: r * columns)
                }
                Self.multiply(lambda, rows: r, inner: widths[s], weights[s][c], columns: columns,
                              into: &coefficients[block.source])
            }
        }
        let inputWidth = widths[0]
        let lo = domain.lower.map(Double.init), hi = domain.upper.map(Double.init)
        guard !coefficients[0].isEmpty else { return constant }
        return (0..<r).map { k in
            var m = constant[k]
            for j in 0..<inputWidth {
                let x = coefficients[0][k * inputWidth + j]
                m += max(x * lo[j], x * hi[j])
            }
            return m
        }
    }

    /// Replaces the outputs of layer `s` by linear functions of its pre-activations:
    /// each coefficient takes the upper line when positive, the lower one when negative.
    private func relax(_ lambda: inout [Double], columns: Int, layer s: Int, constant: inout [Double]) {
        let f = network.layers[s].activation
        let lines = (0..<columns).map { LinearRelaxation(f, lower: bounds.lower[s][$0], upper: bounds.upper[s][$0]) }
        for k in constant.indices {
            for j in 0..<columns {
                let x = lambda[k * columns + j]
                let line = lines[j]
                if x >= 0 {
                    constant[k] += x * line.upperIntercept
                    lambda[k * columns + j] = x * line.upperSlope
                } else {
                    constant[k] += x * line.lowerIntercept
                    lambda[k * columns + j] = x * line.lowerSlope
                }
            }
        }
    }

    private func accumulate(_ lambda: [Double], into target: inout [Double]) {
        if target.isEmpty { target = lambda } else { for k in target.indices { target[k] += lambda[k] } }
    }

    /// `c += a * b` with `a: rows x inner`, `b: inner x columns`, `c: rows x columns`, row-major (`dgemm`).
    static func multiply(_ a: [Double], rows: Int, inner: Int, _ b: [Double], columns: Int, into c: inout [Double]) {
        guard rows > 0, inner > 0, columns > 0 else { return }
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(columns), Int32(inner),
                                1, ap.baseAddress, Int32(inner), bp.baseAddress, Int32(columns),
                                1, cp.baseAddress, Int32(columns))
                }
            }
        }
    }
}
