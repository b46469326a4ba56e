import CondenseCore

extension NeuronSceneBuilder {
    /// Merges per layer above which links carry no factor label (the factor stays in the
    /// link's tooltip): beyond this the labels would cover each other.
    static let labelledMergeLimit = 12

    /// Links every merged neuron to its partner with a bracket right of the column, like
    /// an arc diagram: its tip lies further out the further apart the two neurons are.
    /// The tip is a node (`class="merge-link"`, `id="merge_L1_3"`) labelled with the
    /// factor when the layer has at most ``labelledMergeLimit`` merges. `handles` are
    /// the panel's scene nodes by global unit index of the original network. O(merges).
    mutating func addMergeLinks(_ fates: [NeuronFate], panel: NeuronPanel, handles: [Int32]) {
        let layout = panel.layout
        let merges = fates.filter { FateMarks.kind($0.rule) == .merged && $0.partner != nil }
        guard !merges.isEmpty else { return }
        let labelledLink = scene.edges.style(["color": style.mergedColor.hex(opacity: 0.8), "penwidth": "0.8",
                                              "style": "dashed", "class": "merge"])
        let plainLink = scene.edges.style(["color": style.mergedColor.hex(opacity: 0.75), "penwidth": "0.7",
                                           "class": "merge"])
        let perLayer = Dictionary(grouping: merges, by: \.neuron.layer).mapValues(\.count)
        var slot: [Int: Int] = [:]
        for fate in merges {
            guard let partner = fate.partner else { continue }
            let l = fate.neuron.layer
            let a = layout.offsets[l] + fate.neuron.index
            let b = layout.offsets[partner.layer] + partner.index
            let labelled = (perLayer[l] ?? 0) <= Self.labelledMergeLimit
            let k = slot[l, default: 0]
            slot[l] = k + 1
            let reach = 0.22 * abs(layout.y[a] - layout.y[b])
            let stagger = labelled ? Double(k % 4) * 24 * textScale : 0
            let x = max(layout.x[a], layout.x[b]) + (3 * layout.geometry.pitches[l] + 12) * textScale + reach + stagger
            let y = (layout.y[a] + layout.y[b]) / 2
            let factor = fate.factor.map { "×\(Count.decimal($0))" } ?? "merge"
            let name = "\(panel.idPrefix)merge_L\(l)_\(fate.neuron.index)"
            var attributes = [
                "class": "merge-link", "id": name, "tooltip": "\(fate.neuron) = \(factor) \(partner) (\(fate.rule.rawValue))",
                "fixedsize": "false", "width": "0", "height": "0",
            ]
            if labelled {
                attributes.merge([
                    "shape": "box", "style": "filled,rounded", "fillcolor": "#ffffffdd", "color": style.mergedColor.hex,
                    "penwidth": "0.6", "margin": "0.02,0.01", "label": factor, "fontsize": size(8),
                    "fontcolor": style.mergedColor.hex,
                ]) { $1 }
            } else {
                attributes.merge(["shape": "point", "width": "0.01", "color": style.mergedColor.hex, "style": "filled"]) { $1 }
            }
            let tip = scene.addNode(.pinned(name, x: x, y: y, height: height, attributes: attributes))
            let link = labelled ? labelledLink : plainLink
            scene.edges.add(tail: handles[a], head: tip, style: link)
            scene.edges.add(tail: tip, head: handles[b], style: link)
        }
    }
}
