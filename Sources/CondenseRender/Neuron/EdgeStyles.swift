import CondenseCore

/// Edge appearance quantized into a few shared styles: the sign of `w` picks the end of
/// the theme's diverging palette; |w| relative to the strongest drawn edges into the same
/// layer picks one of ``levels`` steps of colour depth, pen width and opacity. Sharing
/// styles keeps 10^5 edges cheap in Graphviz (one attribute string per style).
struct EdgeStyles {
    static let levels = 6

    let style: ThemeStyle
    /// Multiplies opacities: 1 for sparse drawings, lower for dense ones so overlaps
    /// build up instead of saturating.
    let density: Double

    init(style: ThemeStyle, drawnEdges: Int) {
        self.style = style
        density = min(1, max(0.22, (1500 / Double(max(drawnEdges, 1))).squareRoot()))
    }

    /// Attributes of the edges with sign `positive` at `level` in `0..<levels`.
    func attributes(positive: Bool, level: Int) -> [String: String] {
        let t = (Double(level) + 1) / Double(Self.levels)
        let color = style.palette.diverging((positive ? 1 : -1) * (0.5 + 0.5 * t))
        let opacity = (style.edgeOpacity.lowerBound + (style.edgeOpacity.upperBound - style.edgeOpacity.lowerBound) * t) * density
        let width = style.edgeWidth.lowerBound + (style.edgeWidth.upperBound - style.edgeWidth.lowerBound) * t * t
        return ["color": color.hex(opacity: opacity), "penwidth": GraphvizNumber.format(width)]
    }

    /// The level of a weight of magnitude `magnitude` when the layer's scale is `scale`. O(1).
    static func level(_ magnitude: Float, scale: Float) -> Int {
        guard scale > 0 else { return levels - 1 }
        return min(levels - 1, max(0, Int(Double(magnitude / scale) * Double(levels))))
    }

    /// Per target layer, the 98th percentile of |w| over the drawn edges into it (robust to
    /// one outlier). O(E log E).
    static func layerScales(_ selection: EdgeSelection, layerOf: (Int32) -> Int, layerCount: Int) -> [Float] {
        var magnitudes = [[Float]](repeating: [], count: layerCount)
        for e in 0..<selection.count {
            magnitudes[layerOf(selection.targets[e])].append(abs(selection.weights[e]))
        }
        return magnitudes.map { values in
            guard !values.isEmpty else { return 1 }
            let sorted = values.sorted()
            return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * 0.98))]
        }
    }
}
