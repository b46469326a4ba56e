/// A drawing ready for Graphviz, built in pure Swift: graph, node and edge attributes,
/// nodes, and edges in struct-of-arrays form. ``GraphvizRenderer`` turns it into
/// SVG/PNG/PDF/DOT; tests can inspect it without Graphviz.
public struct RenderScene: Sendable {
    /// The Graphviz layout engine.
    public enum Engine: String, Sendable {
        /// Positions come from Condense (`pos="x,y!"` on every node); edges are straight
        /// lines. Linear in the size of the drawing, so it suits 10^5 edges.
        case nop2
        /// Graphviz's layered (Sugiyama) layout, for small graphs such as one box per layer.
        case dot
    }

    /// The layout engine.
    public var engine: Engine
    /// Graph attributes (title, `splines`, `outputorder`, ...).
    public var graphAttributes: [String: String]
    /// Defaults for every node and edge (Graphviz `agattr`).
    public var nodeDefaults: [String: String]
    public var edgeDefaults: [String: String]
    /// Nodes, in drawing order.
    public private(set) var nodes: [SceneNode] = []
    /// Edges, drawn before the nodes in `nop2` scenes.
    public var edges = SceneEdges()

    /// An empty scene.
    public init(engine: Engine, graphAttributes: [String: String] = [:],
                nodeDefaults: [String: String] = [:], edgeDefaults: [String: String] = [:]) {
        self.engine = engine
        self.graphAttributes = graphAttributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
    }

    /// Adds a node and returns its index (for ``SceneEdges/add(tail:head:style:)``). O(1).
    @discardableResult
    public mutating func addNode(_ node: SceneNode) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// Indices of nodes whose `class` attribute contains `className` as a word. O(nodes).
    public func nodes(withClass className: String) -> [Int] {
        nodes.indices.filter { nodes[$0].classes.contains(Substring(className)) }
    }
}

/// One node: a unique name, Graphviz attributes and an optional HTML-like label.
public struct SceneNode: Hashable, Sendable {
    /// Unique name (Graphviz node name).
    public var name: String
    /// Graphviz attributes (`pos`, `class`, `id`, `fillcolor`, ...).
    public var attributes: [String: String]
    /// An HTML-like label (`<TABLE>...</TABLE>`), given without the outer `<` `>`.
    public var htmlLabel: String?

    public init(name: String, attributes: [String: String] = [:], htmlLabel: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.htmlLabel = htmlLabel
    }

    /// The words of the `class` attribute (which SVG output carries as `class="node ..."`).
    public var classes: [Substring] { (attributes["class"] ?? "").split(separator: " ") }

    /// A node at a fixed position, in points with y growing downward inside a drawing of
    /// height `height` (Graphviz's y grows upward).
    public static func pinned(_ name: String, x: Double, y: Double, height: Double,
                              attributes: [String: String] = [:], htmlLabel: String? = nil) -> SceneNode {
        var all = attributes
        all["pos"] = "\(GraphvizNumber.format(x)),\(GraphvizNumber.format(height - y))!"
        return SceneNode(name: name, attributes: all, htmlLabel: htmlLabel)
    }
}

/// Edges as parallel arrays (no edge objects): tail and head node indices and an index
/// into a small table of shared styles, so 10^5 edges cost a few bytes each.
public struct SceneEdges: Sendable {
    /// Tail and head node indices and style index of each edge.
    public private(set) var tails: [Int32] = []
    public private(set) var heads: [Int32] = []
    public private(set) var styles: [Int32] = []
    /// Shared attribute sets; edges refer to them by index.
    public private(set) var styleTable: [[String: String]] = []
    private var styleIndex: [[String: String]: Int32] = [:]

    /// No edges.
    public init() {}

    /// Number of edges.
    public var count: Int { tails.count }

    /// The index of a style, adding it on first use. O(attributes) expected.
    public mutating func style(_ attributes: [String: String]) -> Int32 {
        if let known = styleIndex[attributes] { return known }
        styleTable.append(attributes)
        let index = Int32(styleTable.count - 1)
        styleIndex[attributes] = index
        return index
    }

    /// Reserves room for `n` edges in all arrays.
    public mutating func reserveCapacity(_ n: Int) {
        tails.reserveCapacity(n)
        heads.reserveCapacity(n)
        styles.reserveCapacity(n)
    }

    /// Appends one edge. O(1) amortized.
    public mutating func add(tail: Int32, head: Int32, style: Int32) {
        tails.append(tail)
        heads.append(head)
        styles.append(style)
    }
}

/// Numbers written into Graphviz attributes: short, locale-free, finite.
public enum GraphvizNumber {
    /// `x` with at most two decimals and no trailing zeros ("12", "3.5", "0.25"). O(1).
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let scaled = (x * 100).rounded()
        let negative = scaled < 0
        let magnitude = Int(abs(scaled))
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var text = negative && magnitude != 0 ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return text
    }
}
