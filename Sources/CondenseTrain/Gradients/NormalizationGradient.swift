import CondenseCore
import CondenseGraph

/// **BatchNormalization** with its running statistics fixed (inference mode, so training
/// the scale and shift is training the folded per-channel affine map `a·x + b`):
/// `dx = a · dy`, `dscale = Σ dy · (x − mean)/√(var + ε)`, `dB = Σ dy` per channel; the
/// mean and variance get no gradient. Cost: O(size).
enum NormalizationGradient: GradientRule {
    static let operators: Set<String> = ["BatchNormalization"]

    static func gradients(_ s: BackwardStep) throws(CondenseError) -> [[Float]?] {
        let x = try s.input(0)
        let channels = x.shape[1], inner = x.shape.dropFirst(2).reduce(1, *)
        let (a, _) = try OperatorKernels.batchNormalizationAffine(s.node, s.inputs, channels: channels)
        let gy = s.outputGradient
        var result = [[Float]?](repeating: nil, count: s.inputs.count)
        if s.needs(0) {
            var gx = gy
            var i = 0
            while i < gx.count { for c in 0..<channels { for _ in 0..<inner { gx[i] *= a[c]; i += 1 } } }
            result[0] = gx
        }
        if s.needs(1) || s.needs(2) {
            let xv = try s.floats(0), mean = try s.floats(3), variance = try s.floats(4)
            let epsilon = try s.node.float("epsilon", 1e-5)
            var dScale = [Float](repeating: 0, count: channels), dShift = dScale
            var i = 0
            while i < xv.count {
                for c in 0..<channels {
                    let mu = mean.count == 1 ? mean[0] : mean[c]
                    let inv = 1 / ((variance.count == 1 ? variance[0] : variance[c]) + epsilon).squareRoot()
                    var sx: Float = 0, sy: Float = 0
                    for _ in 0..<inner { sx += gy[i] * (xv[i] - mu) * inv; sy += gy[i]; i += 1 }
                    dScale[c] += sx
                    dShift[c] += sy
                }
            }
            let scaleCount = try s.input(1).count, shiftCount = try s.input(2).count
            if s.needs(1) { result[1] = scaleCount == 1 ? [dScale.reduce(0, +)] : dScale }
            if s.needs(2) { result[2] = shiftCount == 1 ? [dShift.reduce(0, +)] : dShift }
        }
        return result
    }
}
