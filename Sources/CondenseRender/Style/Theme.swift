/// The look of a drawing: `screen` (sans-serif, red/blue weights, translucent edges) or
/// `print` (serif like a thesis body, purple/orange weights that survive grey printing,
/// thinner and more opaque lines).
public enum Theme: String, CaseIterable, Sendable, Codable {
    case screen
    case print

    /// The theme's colours and typography: `print` is `screen` with another diverging
    /// palette, a serif font, black text and outlines, and thinner, more opaque lines.
    public var style: ThemeStyle {
        var style = ThemeStyle()
        guard self == .print else { return style }
        style.palette.diverging = Palette.purpleOrange
        style.fontName = "Times-Roman"
        style.textColor = RGBColor(0x000000)
        style.mutedTextColor = RGBColor(0x333333)
        style.nodeOutline = RGBColor(0x000000)
        style.edgeOpacity = 0.2...0.95
        style.edgeWidth = 0.2...1.6
        return style
    }
}

/// Colours, fonts and line ranges of a ``Theme``.
public struct ThemeStyle: Hashable, Sendable {
    public var palette = Palette(diverging: Palette.redBlue, sequential: Palette.viridis, categorical: Palette.tolMuted)
    public var fontName = "Helvetica"
    public var textColor = RGBColor(0x222222)
    public var mutedTextColor = RGBColor(0x555555)
    /// Graphviz `bgcolor`.
    public var background = "white"
    public var nodeOutline = RGBColor(0x444444)
    /// Opacity of the weakest and strongest drawn edges (scaled down for dense drawings).
    public var edgeOpacity = 0.12...0.85
    /// Pen width in points of the weakest and strongest drawn edges.
    public var edgeWidth = 0.25...2.2
    /// Fill of removed neurons and their dashed outline.
    public var removedFill = RGBColor(0xBBBBBB)
    public var removedOutline = RGBColor(0x888888)
    /// Outline of merged neurons, their partners and the merge links (Tol bright purple).
    public var mergedColor = RGBColor(0xAA3377)
    /// Outline of folded neurons (constant / stable linear; Tol bright green).
    public var foldedColor = RGBColor(0x228833)
    /// Fill of a neuron without a value in the colouring.
    public var missingFill = RGBColor(0xFFFFFF)

    /// The `screen` theme's style.
    public init() {}
}
