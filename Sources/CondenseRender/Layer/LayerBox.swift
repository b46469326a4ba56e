import CondenseCore

/// The text of one layer's box in a layer diagram: name and kind, width and activation,
/// parameters and FLOPs, and the change after a simplification. O(1) per box.
struct LayerBox {
    let layer: Layer
    let index: Int
    let isOutput: Bool
    let statistics: LayerStatistics
    let after: LayerStatistics?
    let removed: [(rule: NeuronFate.Rule, count: Int)]

    /// `input`, `hidden` or `output`.
    var role: String { layer.kind == .input ? "input" : (isOutput ? "output" : "hidden") }

    /// The heading: "input", "hidden 2", "output".
    var heading: String { role == "hidden" ? "hidden \(index)" : role }

    /// The tensor a layer hands on, per sample batch `N` ("N × 300", or "N × 300 → 115"
    /// after a simplification). Convolutional layers will report `N × C × H × W` here.
    static func shape(of layer: Layer, after: Layer? = nil) -> String {
        var text = "N × \(Count.format(layer.width))"
        if let after, after.width != layer.width { text += " → \(Count.format(after.width))" }
        return text
    }

    /// The HTML-like table of the box.
    func html(style: ThemeStyle) -> String {
        let fill: RGBColor = layer.kind == .input ? RGBColor(0xDDDDDD) : (isOutput ? RGBColor(0xEEEEBB) : RGBColor(0xBBCCEE))
        // The model's own layer name and the kind, unless they only repeat the heading.
        let origin = [layer.name, layer.kind.rawValue].filter { $0 != heading }.joined(separator: " · ")
        var rows = ["<B>\(HTMLText.escape(heading))</B>"
            + (origin.isEmpty ? "" : "  <FONT COLOR=\"\(style.mutedTextColor.hex)\">\(HTMLText.escape(origin))</FONT>")]
        var units = "\(change(statistics.width, after?.width)) \(layer.kind == .input ? "features" : "units")"
        if layer.kind != .input { units += " · \(HTMLText.escape(layer.activation.name))" }
        rows.append(units)
        if layer.kind != .input {
            rows.append("params \(change(statistics.parameters, after?.parameters)) · FLOPs \(change(statistics.flops, after?.flops))")
        }
        if !removed.isEmpty {
            let detail = removed.map { "\($0.rule.rawValue) \(Count.format($0.count))" }.joined(separator: ", ")
            rows.append("<FONT COLOR=\"\(style.mergedColor.hex)\">removed: \(HTMLText.escape(detail))</FONT>")
        }
        let cells = rows.map { "<TR><TD ALIGN=\"LEFT\">\($0)</TD></TR>" }.joined()
        return "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\" STYLE=\"rounded\" COLOR=\"\(style.nodeOutline.hex)\" BGCOLOR=\"\(fill.hex)\">\(cells)</TABLE>"
    }

    private func change(_ a: Int, _ b: Int?) -> String {
        guard let b, b != a else { return Count.format(a) }
        return "\(Count.format(a)) → \(Count.format(b))"
    }
}
