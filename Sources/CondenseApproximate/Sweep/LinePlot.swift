import Foundation

/// A small line chart written directly as SVG text: panels side by side, each with axes,
/// ticks, grid, labelled lines with markers, and one shared legend. Colours are the
/// colour-blind-safe Okabe–Ito palette (Okabe & Ito 2008), with dash patterns and marker
/// shapes so that series stay distinguishable in grey. O(points) text.
public struct LinePlot: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Thick solid lines for the emphasised series, thin dashed ones for the rest.
        public var emphasised: Bool
        public init(name: String, points: [(x: Double, y: Double)], emphasised: Bool) {
            self.name = name
            self.points = points
            self.emphasised = emphasised
        }
    }

    public struct Panel: Sendable {
        public var title: String
        public var xLabel: String
        public var yLabel: String
        /// Log-scaled y axis (values at or below `floor` are drawn at `floor`).
        public var logarithmic: Bool
        public var floor: Double = 0.01
        public var xTicks: [Double]
        public init(title: String, xLabel: String, yLabel: String, logarithmic: Bool, floor: Double = 0.01, xTicks: [Double]) {
            self.title = title
            self.xLabel = xLabel
            self.yLabel = yLabel
            self.logarithmic = logarithmic
            self.floor = floor
            self.xTicks = xTicks
        }
    }

    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let dashes = ["", "6,3", "2,3", "8,3,2,3", "4,4", "1,2"]

    public var title: String
    public var panels: [Panel]
    /// `series[p]`: the lines of panel `p` (same names and order in every panel).
    public var series: [[Series]]
    public var panelWidth = 420.0
    public var panelHeight = 320.0

    public init(title: String, panels: [Panel], series: [[Series]]) {
        self.title = title
        self.panels = panels
        self.series = series
    }

    public func svg() -> String {
        let margin = (left: 64.0, right: 18.0, top: 48.0, bottom: 52.0)
        let legendRows = Int((Double(series.first?.count ?? 0) / 3).rounded(.up))
        let width = Double(panels.count) * (panelWidth + margin.left + margin.right)
        let height = margin.top + panelHeight + margin.bottom + 18 * Double(legendRows) + 16
        var out = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
                + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            "<text x=\"\(Int(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">\(Self.escape(title))</text>",
        ]
        for (p, panel) in panels.enumerated() {
            let x0 = Double(p) * (panelWidth + margin.left + margin.right) + margin.left
            out += draw(panel, series: series[p], frame: (x0, margin.top, panelWidth, panelHeight))
        }
        let legendTop = margin.top + panelHeight + margin.bottom
        for (k, s) in (series.first ?? []).enumerated() {
            let x = 20 + Double(k % 3) * (width - 40) / 3, y = legendTop + 18 * Double(k / 3)
            out.append(line(k, s.emphasised, [(x, y), (x + 34, y)]))
            out.append(marker(k, at: (x + 17, y)))
            out.append("<text x=\"\(f(x + 42))\" y=\"\(f(y + 4))\">\(Self.escape(s.name))</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private func draw(_ panel: Panel, series: [Series], frame: (x: Double, y: Double, w: Double, h: Double)) -> [String] {
        let xs = panel.xTicks
        let xMin = (xs.min() ?? 0) - 0.05, xMax = (xs.max() ?? 1) + 0.05
        let ys = series.flatMap { $0.points.map { transform($0.y, panel) } }
        var yMin = ys.min() ?? 0, yMax = ys.max() ?? 1
        if panel.logarithmic {
            yMin = yMin.rounded(.down)
            yMax = yMax.rounded(.up)
        } else {
            let step = Self.niceStep((yMax - yMin) / 5)
            yMin = (yMin / step).rounded(.down) * step
            yMax = (yMax / step).rounded(.up) * step
        }
        if yMax <= yMin { yMax = yMin + 1 }
        let px = { (x: Double) in frame.x + (x - xMin) / (xMax - xMin) * frame.w }
        let py = { (y: Double) in frame.y + frame.h - (y - yMin) / (yMax - yMin) * frame.h }
        var out = ["<rect x=\"\(f(frame.x))\" y=\"\(f(frame.y))\" width=\"\(f(frame.w))\" height=\"\(f(frame.h))\" "
                   + "fill=\"none\" stroke=\"#444\"/>",
                   "<text x=\"\(f(frame.x + frame.w / 2))\" y=\"\(f(frame.y - 8))\" text-anchor=\"middle\" "
                   + "font-size=\"13\">\(Self.escape(panel.title))</text>"]
        for x in xs {
            out.append("<line x1=\"\(f(px(x)))\" y1=\"\(f(frame.y + frame.h))\" x2=\"\(f(px(x)))\" "
                       + "y2=\"\(f(frame.y + frame.h + 5))\" stroke=\"#444\"/>")
            out.append("<text x=\"\(f(px(x)))\" y=\"\(f(frame.y + frame.h + 18))\" text-anchor=\"middle\">"
                       + String(format: "%.0f %%", x * 100) + "</text>")
        }
        for (value, label) in yTicks(yMin, yMax, panel) {
            out.append("<line x1=\"\(f(frame.x))\" y1=\"\(f(py(value)))\" x2=\"\(f(frame.x + frame.w))\" "
                       + "y2=\"\(f(py(value)))\" stroke=\"#ddd\"/>")
            out.append("<text x=\"\(f(frame.x - 6))\" y=\"\(f(py(value) + 4))\" text-anchor=\"end\">\(label)</text>")
        }
        out.append("<text x=\"\(f(frame.x + frame.w / 2))\" y=\"\(f(frame.y + frame.h + 38))\" "
                   + "text-anchor=\"middle\">\(Self.escape(panel.xLabel))</text>")
        let cy = frame.y + frame.h / 2
        out.append("<text x=\"\(f(frame.x - 48))\" y=\"\(f(cy))\" text-anchor=\"middle\" "
                   + "transform=\"rotate(-90 \(f(frame.x - 48)) \(f(cy)))\">\(Self.escape(panel.yLabel))</text>")
        for (k, s) in series.enumerated() {
            let points = s.points.sorted { $0.x < $1.x }.map { (px($0.x), py(transform($0.y, panel))) }
            out.append(line(k, s.emphasised, points))
            out += points.map { marker(k, at: $0) }
        }
        return out
    }

    private func transform(_ y: Double, _ panel: Panel) -> Double {
        panel.logarithmic ? log10(max(y, panel.floor)) : y
    }

    private func yTicks(_ lo: Double, _ hi: Double, _ panel: Panel) -> [(Double, String)] {
        if panel.logarithmic {
            return stride(from: lo, through: hi + 1e-9, by: 1).map { ($0, String(format: "%g", pow(10, $0))) }
        }
        let step = Self.niceStep((hi - lo) / 5)
        return stride(from: lo, through: hi + step / 1000, by: step).map { ($0, String(format: "%g", $0)) }
    }

    private func line(_ k: Int, _ emphasised: Bool, _ points: [(Double, Double)]) -> String {
        let color = Self.palette[k % Self.palette.count]
        // Thin lines are never solid; the colour cycle's second round shifts the dash pattern.
        let dash = emphasised ? "" : Self.dashes[1 + (k + k / Self.palette.count) % (Self.dashes.count - 1)]
        let path = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        return "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(emphasised ? 2.6 : 1.4)\""
            + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
    }

    private func marker(_ k: Int, at p: (Double, Double)) -> String {
        let color = Self.palette[k % Self.palette.count]
        let (x, y) = p
        switch (k + k / Self.palette.count) % 4 {
        case 0: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"\(color)\"/>"
        case 1: return "<rect x=\"\(f(x - 3.5))\" y=\"\(f(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(color)\"/>"
        case 2: return "<polygon points=\"\(f(x)),\(f(y - 4.5)) \(f(x - 4)),\(f(y + 3)) \(f(x + 4)),\(f(y + 3))\" fill=\"\(color)\"/>"
        default: return "<polygon points=\"\(f(x)),\(f(y - 4.5)) \(f(x + 4)),\(f(y)) \(f(x)),\(f(y + 4.5)) \(f(x - 4)),\(f(y))\" "
            + "fill=\"white\" stroke=\"\(color)\" stroke-width=\"1.5\"/>"
        }
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, log10(raw).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * power >= raw { return m * power }
        return 10 * power
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

extension SweepResult {
    /// `accuracy.svg`: test accuracy (left) and accuracy drop on a log scale (right) against
    /// the fraction of hidden neurons removed, one line per method (Condense's bold).
    public var svg: String {
        let names = methods
        func series(_ value: (SweepRow) -> Double) -> [LinePlot.Series] {
            names.map { name in
                let rows = self.rows.filter { $0.method == name }
                return LinePlot.Series(name: name, points: rows.map { ($0.fraction, value($0)) },
                                       emphasised: rows.first?.family == MethodFamily.condense.rawValue)
            }
        }
        let x = "hidden neurons removed"
        let plot = LinePlot(
            title: String(format: "Accuracy without fine-tuning (original %.2f %%, %d hidden neurons)",
                          100 * baselineAccuracy, hiddenNeurons),
            panels: [LinePlot.Panel(title: "test accuracy", xLabel: x, yLabel: "accuracy (%)", logarithmic: false,
                                    xTicks: fractions),
                     LinePlot.Panel(title: "accuracy drop (log scale, < 0.01 drawn at 0.01)", xLabel: x,
                                    yLabel: "drop (percentage points)", logarithmic: true, xTicks: fractions)],
            series: [series { 100 * $0.accuracy }, series { $0.drop }])
        return plot.svg()
    }
}
