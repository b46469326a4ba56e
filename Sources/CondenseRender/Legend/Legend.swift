/// A drawing's legend: titled sections of swatches with text, rendered by Graphviz as
/// one HTML-like table node (`id="legend"`, `class="legend"` in SVG).
public struct Legend: Hashable, Sendable {
    /// Sections, top to bottom.
    public var sections: [LegendSection] = []

    /// A legend of `sections`.
    public init(sections: [LegendSection] = []) { self.sections = sections }

    /// The longest line in characters, to reserve room for the legend. O(rows).
    public var widestLine: Int {
        sections.flatMap { [$0.title] + $0.rows.map(\.text) + $0.rows.map { $0.swatch.caption } }.map(\.count).max() ?? 0
    }

    /// The HTML-like label (without the outer `<` `>`), in the theme's font, with text
    /// and swatches enlarged by `scale`. O(rows).
    public func html(style: ThemeStyle, fontSize: Double = 11, scale: Double = 1) -> String {
        let fontSize = fontSize * scale
        let text = style.textColor.hex
        var rows = ""
        for (s, section) in sections.enumerated() {
            let gap = s == 0 ? "" : " CELLPADDING=\"1\""
            rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"\(gap)><FONT POINT-SIZE=\"\(GraphvizNumber.format(fontSize + 1))\" COLOR=\"\(text)\"><B>\(HTMLText.escape(section.title))</B></FONT></TD></TR>"
            for row in section.rows {
                rows += "<TR>\(row.swatch.cell(style: style, scale: scale))<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(GraphvizNumber.format(fontSize))\" COLOR=\"\(text)\">\(HTMLText.escape(row.text))</FONT></TD></TR>"
            }
        }
        return "<TABLE BORDER=\"1\" COLOR=\"#BBBBBB\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\" BGCOLOR=\"white\">\(rows)</TABLE>"
    }
}

/// A titled group of legend rows ("Edges", "Fill: bias", "Removed neurons").
public struct LegendSection: Hashable, Sendable {
    public var title: String
    public var rows: [LegendRow]

    /// A section titled `title`.
    public init(title: String, rows: [LegendRow]) {
        self.title = title
        self.rows = rows
    }
}

/// One legend row: a swatch and a line of text.
public struct LegendRow: Hashable, Sendable {
    public var swatch: LegendSwatch
    public var text: String

    /// A row of `swatch` and `text`.
    public init(_ swatch: LegendSwatch, _ text: String) {
        self.swatch = swatch
        self.text = text
    }
}

/// What stands left of a legend row's text.
public enum LegendSwatch: Hashable, Sendable {
    case none
    /// A filled square.
    case fill(RGBColor)
    /// A square with a coloured (optionally dashed) outline around a fill.
    case outline(fill: RGBColor, color: RGBColor, dashed: Bool)
    /// A colour ramp (low to high), e.g. for a continuous fill.
    case ramp([RGBColor])
    /// A short horizontal stroke, e.g. for an edge.
    case stroke(RGBColor)
    /// A few characters (e.g. "×0.5"), in a colour.
    case glyph(String, RGBColor)

    /// Text drawn inside the swatch (for width estimates).
    var caption: String {
        if case .glyph(let text, _) = self { return text }
        return ""
    }

    /// The table cell. O(1) (O(stops) for a ramp).
    func cell(style: ThemeStyle, scale: Double) -> String {
        let wide = GraphvizNumber.format(26 * scale), high = GraphvizNumber.format(12 * scale)
        switch self {
        case .none:
            return "<TD></TD>"
        case .fill(let color):
            return "<TD FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\" WIDTH=\"\(wide)\" HEIGHT=\"\(high)\" BGCOLOR=\"\(color.hex)\"></TD>"
        case .outline(let fill, let color, let dashed):
            let dash = dashed ? " STYLE=\"dashed\"" : ""
            return "<TD FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\" WIDTH=\"\(wide)\" HEIGHT=\"\(high)\" BORDER=\"2\" COLOR=\"\(color.hex)\"\(dash) BGCOLOR=\"\(fill.hex)\"></TD>"
        case .ramp(let colors):
            let cells = colors.map { "<TD FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\" WIDTH=\"\(GraphvizNumber.format(5 * scale))\" HEIGHT=\"\(high)\" BGCOLOR=\"\($0.hex)\"></TD>" }.joined()
            return "<TD><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>\(cells)</TR></TABLE></TD>"
        case .stroke(let color):
            return "<TD FIXEDSIZE=\"TRUE\" CELLPADDING=\"0\" WIDTH=\"\(wide)\" HEIGHT=\"\(GraphvizNumber.format(3 * scale))\" BGCOLOR=\"\(color.hex)\"></TD>"
        case .glyph(let text, let color):
            return "<TD><FONT COLOR=\"\(color.hex)\">\(HTMLText.escape(text))</FONT></TD>"
        }
    }
}

/// Escaping for Graphviz HTML-like labels.
enum HTMLText {
    /// `&`, `<`, `>` and `"` as entities. O(|text|).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
