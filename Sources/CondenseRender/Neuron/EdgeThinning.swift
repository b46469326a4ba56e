/// Which edges a neuron-level drawing shows. Big networks have far more edges than a
/// reader (or an SVG file) can hold; the rule is always stated in the legend.
public enum EdgeThinning: Hashable, Sendable {
    /// Every edge.
    case all
    /// For every neuron, its `k` incoming edges of largest |w|.
    case topK(Int)
    /// Every edge with |w| >= the threshold.
    case threshold(Float)
    /// At most this many edges: `topK(k)` with the largest `k` that fits, or the globally
    /// strongest edges when even `k = 1` does not fit.
    case maxEdges(Int)

    /// The default for drawings: at most 30,000 edges, which keeps Graphviz's SVG of the
    /// largest drawing under 10 MB (about 200 bytes per edge) and readable.
    public static let standard = EdgeThinning.maxEdges(30_000)
}
