import CondenseCore

/// One network drawn at neuron level inside a scene: its nodes at ``layout`` positions,
/// named by original neuron addresses, with optional per-neuron marks (for simplified
/// networks: which rule removed a neuron, which neuron absorbed others).
struct NeuronPanel {
    var network: Network
    var graph: NeuronGraph
    var layout: NeuronLayout
    /// Prefix of node names and SVG ids ("" for the original network, "after_" for the simplified one).
    var idPrefix: String
    /// Original index of unit `i` of layer `l` (the identity for an original network).
    var originalIndex: [[Int]]
    /// Extra classes and attributes of neurons, by original address.
    var marks: [NeuronID: NeuronMark] = [:]
    /// Caption above the panel ("before", "after"), if any.
    var caption: String?

    init(network: Network, graph: NeuronGraph? = nil, layout: NeuronLayout, idPrefix: String = "",
         originalIndex: [[Int]]? = nil) {
        self.network = network
        self.graph = graph ?? NeuronGraph(network)
        self.layout = layout
        self.idPrefix = idPrefix
        self.originalIndex = originalIndex ?? network.layers.map { Array(0..<$0.width) }
    }

    /// The original address of unit `i` of layer `l`. O(1).
    func original(_ l: Int, _ i: Int) -> NeuronID { NeuronID(layer: l, index: originalIndex[l][i]) }

    /// The node name (and SVG id) of a unit: `L1_3` (or `after_L1_3`).
    func name(_ l: Int, _ i: Int) -> String {
        let id = original(l, i)
        return "\(idPrefix)L\(id.layer)_\(id.index)"
    }

    /// The role class of layer `l`.
    func role(_ l: Int) -> String {
        l == 0 ? "input" : (l == network.layers.count - 1 ? "output" : "hidden")
    }
}

/// How a neuron is marked beyond its fill: extra SVG classes and Graphviz attributes.
struct NeuronMark: Hashable {
    var classes: [String]
    var attributes: [String: String]
    /// The fill replaces the colouring (e.g. grey for removed neurons).
    var fill: RGBColor?
    /// Draw the neuron at least this large (points), so it stands out in a dense column.
    var minimumDiameter: Double = 0
}
