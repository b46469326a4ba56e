import CondenseCore

/// Assembles neuron-level scenes for the `nop2` engine: one or more ``NeuronPanel``s,
/// column headers, a legend and a title. Every node gets `pos="x,y!"`; edges are
/// straight (`splines=false`) and drawn under the nodes (`outputorder=edgesfirst`).
/// Adding a panel is O(V + drawn edges).
struct NeuronSceneBuilder {
    var scene: RenderScene
    let style: ThemeStyle
    var legend = Legend()
    /// Height used to flip y (Graphviz's y grows upward).
    let height: Double
    /// Right, top and bottom edges of what was placed so far, in points.
    private(set) var right: Double = 0
    private(set) var top: Double = .infinity
    private(set) var bottom: Double = -.infinity
    /// Enlargement of all text (see ``NeuronLayout/Geometry/textScale``).
    let textScale: Double

    init(theme: Theme, height: Double, title: String, textScale: Double = 1) {
        style = theme.style
        self.height = height
        self.textScale = textScale
        let font = style.fontName
        scene = RenderScene(
            engine: .nop2,
            graphAttributes: [
                "splines": "false", "outputorder": "edgesfirst", "bgcolor": style.background, "pad": "0.3",
                "fontname": font, "fontcolor": style.textColor.hex, "fontsize": GraphvizNumber.format(20 * textScale),
                "label": title, "labelloc": "t",
            ],
            nodeDefaults: [
                "shape": "circle", "fixedsize": "true", "style": "filled", "label": "", "penwidth": "0.4",
                "color": style.nodeOutline.hex, "fillcolor": style.missingFill.hex, "fontname": font,
                "fontsize": GraphvizNumber.format(10 * textScale), "fontcolor": style.textColor.hex,
            ],
            edgeDefaults: ["dir": "none", "color": style.nodeOutline.hex, "penwidth": "0.5"])
    }

    /// Below this pitch (points) a layer is drawn as a strip of boxes instead of circles.
    static let stripPitch = 6.0
    /// Width of such a strip in points (before text scaling).
    static let stripWidth = 7.0

    /// Adds every unit of `panel` as a node and returns the scene node of each global
    /// unit index (all inputs share one node when the input is a block). The colourings
    /// are indexed by the panel network's own addresses; marks by original addresses. O(V).
    mutating func addNodes(_ panel: NeuronPanel, coloring: NeuronColoring, inputColoring: NeuronColoring?) -> [Int32] {
        let layout = panel.layout
        var handles = [Int32](repeating: -1, count: panel.graph.nodeCount)
        for (l, layer) in panel.network.layers.enumerated() {
            if l == 0, layout.input == .block {
                let block = addInputBlock(panel)
                for i in 0..<layer.width { handles[layout.offsets[0] + i] = block }
                continue
            }
            let pitch = layout.geometry.pitches[l]
            let diameter = layout.geometry.diameter(pitch: pitch)
            // Neurons closer than a few points become touching boxes: a colour strip that
            // shows the fill of every neuron where circles would be specks.
            let strip = pitch < Self.stripPitch
            for i in 0..<layer.width {
                let v = layout.offsets[l] + i
                let id = panel.original(l, i)
                let mark = panel.marks[id]
                var attributes = mark?.attributes ?? [:]
                var classes = ["neuron", panel.role(l)]
                classes += mark?.classes ?? []
                attributes["class"] = classes.joined(separator: " ")
                attributes["id"] = panel.name(l, i)
                let local = NeuronID(layer: l, index: i)
                let fill = mark?.fill ?? (l == 0 ? inputColoring?.fill(local) : coloring.fill(local)) ?? style.missingFill
                attributes["fillcolor"] = fill.hex
                if l == 0, case .grid = layout.input {
                    // Cells tile the grid; a thin outline in the background colour separates
                    // them and hides the edges that run beneath the grid (edges are drawn first).
                    attributes["shape"] = "square"
                    attributes["width"] = GraphvizNumber.format(layout.cellSide / 72)
                    attributes["color"] = style.background
                    attributes["penwidth"] = GraphvizNumber.format(max(0.3, layout.cellSide * 0.06))
                } else if strip {
                    attributes["shape"] = "box"
                    attributes["width"] = GraphvizNumber.format(Self.stripWidth * textScale / 72)
                    attributes["height"] = GraphvizNumber.format(pitch / 72)
                    attributes["color"] = fill.hex
                    attributes["style"] = "filled"
                    attributes["penwidth"] = "0"
                } else {
                    attributes["width"] = GraphvizNumber.format(max(diameter, mark?.minimumDiameter ?? 0) / 72)
                }
                attributes["tooltip"] = tooltip(panel, l, i)
                let node = SceneNode.pinned(panel.name(l, i), x: layout.x[v], y: layout.y[v], height: height,
                                            attributes: attributes)
                handles[v] = scene.addNode(node)
            }
        }
        right = max(right, layout.columnX.last.map { $0 + layout.geometry.maximumPitch } ?? right)
        top = min(top, layout.originY)
        bottom = max(bottom, layout.originY + layout.height)
        return handles
    }

    /// One box for all inputs, labelled with the count. O(1).
    private mutating func addInputBlock(_ panel: NeuronPanel) -> Int32 {
        let layout = panel.layout
        let count = panel.network.inputWidth
        let attributes = [
            "shape": "box", "style": "filled,rounded", "fillcolor": style.removedFill.hex,
            "width": GraphvizNumber.format(min(layout.geometry.inputSide * 0.45, 90) / 72),
            "height": GraphvizNumber.format(layout.geometry.inputSide / 72),
            "label": "\(Count.format(count))\\ninputs", "fontsize": "12",
            "class": "neuron input block", "id": "\(panel.idPrefix)L0_block",
        ]
        let y = layout.y[layout.offsets[0]]
        return scene.addNode(.pinned("\(panel.idPrefix)L0_block", x: layout.columnX[0], y: y, height: height,
                                     attributes: attributes))
    }

    private func tooltip(_ panel: NeuronPanel, _ l: Int, _ i: Int) -> String {
        let id = panel.original(l, i)
        var text = id.description
        if id.index != i { text += " (now L\(l):\(i))" }
        if l > 0 { text += ", bias \(Count.decimal(Double(panel.network.layers[l].bias[i])))" }
        return text
    }

    /// A header above every column (layer name, width and activation) and the panel's
    /// caption above them. O(layers).
    mutating func addHeaders(_ panel: NeuronPanel) {
        let layout = panel.layout
        let y = layout.top - 24 * textScale
        let last = panel.network.layers.count - 1
        for (l, layer) in panel.network.layers.enumerated() {
            let name = l == 0 ? "input" : (l == last ? "output" : "hidden \(l)")
            var detail: String
            if l == 0, case .grid(let rows, let columns) = layout.input {
                detail = "\(rows) × \(columns)"
            } else {
                detail = Count.format(layer.width)
            }
            if l > 0 { detail += " · \(layer.activation.name)" }
            if l == last, panel.network.outputTransform != .none { detail += " → \(panel.network.outputTransform.rawValue)" }
            let html = "<FONT POINT-SIZE=\"\(size(13))\"><B>\(HTMLText.escape(name))</B></FONT><BR/><FONT POINT-SIZE=\"\(size(11))\" COLOR=\"\(style.mutedTextColor.hex)\">\(HTMLText.escape(detail))</FONT>"
            addText("\(panel.idPrefix)header_L\(l)", className: "header", x: layout.columnX[l], y: y, html: html)
        }
        if let caption = panel.caption {
            let x = ((layout.columnX.first ?? 0) + (layout.columnX.last ?? 0)) / 2
            addText("\(panel.idPrefix)caption", className: "caption", x: x, y: y - 40 * textScale,
                    html: "<FONT POINT-SIZE=\"\(size(17))\"><B>\(HTMLText.escape(caption))</B></FONT>")
        }
    }

    /// A text node (HTML-like label) centred at (x, y). O(1).
    private mutating func addText(_ name: String, className: String, x: Double, y: Double, html: String) {
        scene.addNode(.pinned(
            name, x: x, y: y, height: height,
            attributes: ["shape": "plaintext", "fixedsize": "false", "style": "", "class": className, "id": name],
            htmlLabel: html))
    }

    /// Places the legend right of everything drawn so far, vertically centred. O(rows).
    mutating func addLegend() {
        guard !legend.sections.isEmpty else { return }
        let width = (Double(legend.widestLine) * 6.3 + 60) * textScale
        scene.addNode(.pinned(
            "legend", x: right + 40 * textScale + width / 2, y: top.isFinite ? (top + bottom) / 2 : 0, height: height,
            attributes: ["shape": "plaintext", "fixedsize": "false", "style": "", "class": "legend", "id": "legend",
                         "margin": "0"],
            htmlLabel: legend.html(style: style, scale: textScale)))
    }

    /// A font size of `base` points enlarged by ``textScale``.
    func size(_ base: Double) -> String { GraphvizNumber.format(base * textScale) }
}
