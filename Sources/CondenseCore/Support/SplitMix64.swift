import Foundation

/// The SplitMix64 generator (Steele, Lea, Flood, OOPSLA 2014): a tiny, seeded, fast
/// random number generator, so that random orders, projections and graphs are
/// reproducible from a seed. O(1) per number.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal sample (Box–Muller), O(1).
    public mutating func nextGaussian() -> Double { nextGaussianPair().0 }

    /// Two independent standard normal samples from one Box–Muller transform, O(1).
    public mutating func nextGaussianPair() -> (Double, Double) {
        let u1 = Double(next() >> 11 | 1) * 0x1p-53
        let u2 = Double(next() >> 11) * 0x1p-53
        let radius = (-2 * log(u1)).squareRoot(), angle = 2 * Double.pi * u2
        return (radius * cos(angle), radius * sin(angle))
    }
}
