import CondenseCore

/// How a drawing marks what a simplification did to each original neuron: removed
/// neurons are greyed with a dashed outline (class `removed` plus the rule); merged ones
/// (`equivalent`, `approx_merge`) get a purple outline (class `merged`) and a link to
/// their partner labelled with the factor; folded ones (`constant`, `stable_linear`) a
/// green outline (class `folded`); partners that absorbed merged neurons a bold purple
/// outline (class `partner`). O(removed).
enum FateMarks {
    /// The three kinds of removal a legend distinguishes.
    enum Kind: String, CaseIterable {
        case removed, merged, folded
    }

    static func kind(_ rule: NeuronFate.Rule) -> Kind {
        switch rule {
        case .deadEnd, .stableDead, .pruned: return .removed
        case .equivalent, .approximateMerge: return .merged
        case .constant, .stableLinear: return .folded
        }
    }

    /// The outline colour of a kind.
    static func outline(_ kind: Kind, style: ThemeStyle) -> RGBColor {
        switch kind {
        case .removed: return style.removedOutline
        case .merged: return style.mergedColor
        case .folded: return style.foldedColor
        }
    }

    /// The fill of a kind: grey for removed, a light tint of the outline for the others
    /// (in a strip of boxes the fill is all that shows).
    static func fill(_ kind: Kind, style: ThemeStyle) -> RGBColor {
        kind == .removed ? style.removedFill : RGBColor.mix(outline(kind, style: style), RGBColor(0xFFFFFF), 0.45)
    }

    /// Marks for every removed neuron and every partner, by original address; they are
    /// drawn at least `visible` points wide.
    static func marks(_ fates: [NeuronFate], style: ThemeStyle, visible: Double) -> [NeuronID: NeuronMark] {
        var marks: [NeuronID: NeuronMark] = [:]
        for fate in fates {
            let kind = kind(fate.rule)
            var classes = ["removed", fate.rule.rawValue]
            if kind != .removed { classes.insert(kind.rawValue, at: 1) }
            marks[fate.neuron] = NeuronMark(
                classes: classes,
                attributes: ["color": outline(kind, style: style).hex, "style": kind == .removed ? "filled,dashed" : "filled",
                             "penwidth": "1.2"],
                fill: fill(kind, style: style), minimumDiameter: visible)
        }
        for fate in fates where kind(fate.rule) == .merged {
            guard let partner = fate.partner, marks[partner] == nil || marks[partner]?.classes == ["partner"] else { continue }
            marks[partner] = NeuronMark(
                classes: ["partner"], attributes: ["color": style.mergedColor.hex, "penwidth": "1.8"], fill: nil,
                minimumDiameter: visible)
        }
        return marks
    }

    /// Legend rows: one per kind present, with its rules and counts; then partners.
    static func legend(_ simplification: Simplification, style: ThemeStyle, dimmedEdges: Bool) -> LegendSection {
        var rows: [LegendRow] = []
        let counts = simplification.removedByRule
        let texts: [Kind: String] = [
            .removed: "removed", .merged: "merged into partner (×factor)", .folded: "folded into next layer",
        ]
        for kind in Kind.allCases {
            let rules = counts.filter { Self.kind($0.rule) == kind }
            guard !rules.isEmpty else { continue }
            let detail = rules.map { "\($0.rule.rawValue) \(Count.format($0.count))" }.joined(separator: ", ")
            rows.append(LegendRow(.outline(fill: fill(kind, style: style), color: outline(kind, style: style), dashed: kind == .removed),
                                  "\(texts[kind] ?? kind.rawValue): \(detail)"))
            if kind == .merged {
                let perLayer = Dictionary(grouping: simplification.fates.filter { Self.kind($0.rule) == .merged }, by: \.neuron.layer)
                let unlabelled = perLayer.values.contains { $0.count > NeuronSceneBuilder.labelledMergeLimit }
                rows.append(LegendRow(.stroke(style.mergedColor), unlabelled
                    ? "link to partner (factors in tooltips where > \(NeuronSceneBuilder.labelledMergeLimit) per layer)"
                    : "link to partner, labelled with the factor"))
            }
        }
        if counts.contains(where: { kind($0.rule) == .merged }) {
            rows.append(LegendRow(.outline(fill: RGBColor(0xFFFFFF), color: style.mergedColor, dashed: false),
                                  "partner: absorbed merged neurons"))
        }
        if dimmedEdges, !counts.isEmpty {
            rows.append(LegendRow(.stroke(style.removedOutline), "edges of removed neurons"))
        }
        if rows.isEmpty { rows.append(LegendRow(.none, "no neuron removed")) }
        return LegendSection(title: "Simplification: \(Count.format(simplification.fates.count)) neurons removed", rows: rows)
    }
}
