/// Colour-blind-safe colour scales for drawings that go into papers.
///
/// Diverging scales (signs of weights and biases) are ColorBrewer's RdBu and PuOr
/// (Brewer, Harrower 2003; both listed as colour-blind safe); the sequential scale is
/// viridis (van der Walt, Smith 2015); categories use Paul Tol's "muted" qualitative
/// scheme (Tol 2021, *Colour Schemes*, SRON/EPS/TN/09-002). Every lookup is O(1).
public struct Palette: Hashable, Sendable {
    /// Stops from most negative to most positive; the middle stop is the neutral colour.
    public var diverging: [RGBColor]
    /// Stops from low to high.
    public var sequential: [RGBColor]
    /// Distinct colours for classes, cycled when there are more classes.
    public var categorical: [RGBColor]

    /// A palette from its three scales.
    public init(diverging: [RGBColor], sequential: [RGBColor], categorical: [RGBColor]) {
        self.diverging = diverging
        self.sequential = sequential
        self.categorical = categorical
    }

    /// ColorBrewer RdBu (9 classes): blue for negative, red for positive.
    public static let redBlue = [
        0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B,
    ].map(RGBColor.init)

    /// ColorBrewer PuOr (9 classes): purple for negative, orange for positive; keeps its
    /// contrast when printed in grey.
    public static let purpleOrange = [
        0x542788, 0x8073AC, 0xB2ABD2, 0xD8DAEB, 0xF7F7F7, 0xFEE0B6, 0xFDB863, 0xE08214, 0xB35806,
    ].map(RGBColor.init)

    /// viridis, 10 stops.
    public static let viridis = [
        0x440154, 0x482878, 0x3E4989, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
    ].map(RGBColor.init)

    /// Paul Tol's muted scheme plus his bright blue: ten classes (MNIST digits) stay distinct.
    public static let tolMuted = [
        0xCC6677, 0x332288, 0xDDCC77, 0x117733, 0x88CCEE, 0x882255, 0x44AA99, 0x999933, 0xAA4499, 0x4477AA,
    ].map(RGBColor.init)

    /// The diverging colour at `t` in [-1, 1] (0 is neutral), interpolated between stops.
    public func diverging(_ t: Double) -> RGBColor { Self.interpolate(diverging, (t + 1) / 2) }

    /// The sequential colour at `t` in [0, 1].
    public func sequential(_ t: Double) -> RGBColor { Self.interpolate(sequential, t) }

    /// The colour of class `index` (cycled).
    public func category(_ index: Int) -> RGBColor { categorical[((index % categorical.count) + categorical.count) % categorical.count] }

    private static func interpolate(_ stops: [RGBColor], _ t: Double) -> RGBColor {
        guard stops.count > 1 else { return stops.first ?? RGBColor(0) }
        let x = min(max(t.isFinite ? t : 0.5, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        return RGBColor.mix(stops[i], stops[i + 1], x - Double(i))
    }
}
