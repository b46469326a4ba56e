import CondenseCore

/// Linear lower and upper bounds of an activation on a pre-activation interval `[l, u]`:
/// `lowerSlope * z + lowerIntercept <= f(z) <= upperSlope * z + upperIntercept`.
///
/// ReLU and LeakyReLU (`alpha <= 1`, convex) use the chord as the upper line and a line
/// through the origin as the lower one, with DeepPoly's slope choice (slope 1 when
/// `u > -l`, else 0 or `alpha`; Singh et al. 2019, Zhang et al. 2018); `alpha > 1`
/// (concave) swaps the roles. Stable intervals are exact. Sigmoid and tanh use the
/// constant bounds `f(l)`, `f(u)` (sound, monotone). O(1).
struct LinearRelaxation {
    var lowerSlope: Double
    var lowerIntercept: Double
    var upperSlope: Double
    var upperIntercept: Double

    init(_ f: Activation, lower l: Double, upper u: Double) {
        switch f {
        case .identity:
            self.init(slope: 1)
        case .relu:
            self.init(kinkedAt: l, u, leftSlope: 0)
        case .leakyRelu(let alpha):
            self.init(kinkedAt: l, u, leftSlope: Double(alpha))
        case .sigmoid, .tanh:
            self.init(lowerSlope: 0, lowerIntercept: f.value(l), upperSlope: 0, upperIntercept: f.value(u))
        }
    }

    init(lowerSlope: Double, lowerIntercept: Double, upperSlope: Double, upperIntercept: Double) {
        self.lowerSlope = lowerSlope
        self.lowerIntercept = lowerIntercept
        self.upperSlope = upperSlope
        self.upperIntercept = upperIntercept
    }

    /// The exact relaxation of `f(z) = slope * z`.
    init(slope: Double) { self.init(lowerSlope: slope, lowerIntercept: 0, upperSlope: slope, upperIntercept: 0) }

    /// `f(z) = z` for `z >= 0` and `leftSlope * z` below.
    private init(kinkedAt l: Double, _ u: Double, leftSlope a: Double) {
        if u <= 0 {
            self.init(slope: a)
        } else if l >= 0 {
            self.init(slope: 1)
        } else {
            let chord = (u - a * l) / (u - l)
            let chordIntercept = a * l - chord * l
            let tangent = u > -l ? 1 : a
            if a <= 1 {
                self.init(lowerSlope: tangent, lowerIntercept: 0, upperSlope: chord, upperIntercept: chordIntercept)
            } else {
                self.init(lowerSlope: chord, lowerIntercept: chordIntercept, upperSlope: tangent, upperIntercept: 0)
            }
        }
    }
}
