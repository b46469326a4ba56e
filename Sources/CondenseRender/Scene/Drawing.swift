import CondenseCore

/// A finished scene and what it shows: the result of every drawing builder, ready for
/// ``GraphvizRenderer/render(_:format:)``.
public struct Drawing: Sendable {
    /// What Graphviz draws.
    public var scene: RenderScene
    /// Edges drawn and edges in the network(s) drawn.
    public var drawnEdges: Int
    public var totalEdges: Int
    /// The legend sentence about edge thinning.
    public var edgeSummary: String
    /// The title.
    public var title: String

    /// Renders the drawing. See ``GraphvizRenderer/render(_:format:)``.
    public func render(_ format: RenderFormat) throws(CondenseError) -> RenderOutput {
        try GraphvizRenderer().render(scene, format: format)
    }
}
