import CondenseCore

/// The order in which pruned landmark labeling processes vertices: important vertices
/// first make later searches prune early and labels short (Akiba, Iwata, Yoshida 2013, §4.4).
public enum VertexOrder: String, CaseIterable, Sendable, Codable {
    /// Largest total degree (in + out) first.
    case degree
    /// Bottleneck layers first: the separators of the ``SeparatorTree`` in breadth-first
    /// order (narrowest first, recursively), then the other layers; by degree inside a layer.
    case bottleneck
    /// A seeded random permutation.
    case random

    /// Parses a command-line name, with one clear line for an unknown name.
    public init(parsing name: String) throws(CondenseError) {
        guard let order = VertexOrder(rawValue: name) else {
            let known = VertexOrder.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidArgument("unknown vertex order '\(name)' (known: \(known))")
        }
        self = order
    }

    /// The vertices of `graph` in this order. O(V log V + E).
    public func vertices(of graph: LayeredDAG, seed: UInt64 = 1) -> [Int32] {
        let degree = (0..<graph.nodeCount).map { graph.inDegree($0) + graph.outDegree($0) }
        var nodes = (0..<graph.nodeCount).map(Int32.init)
        switch self {
        case .degree:
            nodes.sort { (-degree[Int($0)], $0) < (-degree[Int($1)], $1) }
        case .random:
            var rng = SplitMix64(seed: seed)
            nodes.shuffle(using: &rng)
        case .bottleneck:
            let rank = Self.layerRanks(SeparatorTree(graph), graph)
            nodes.sort {
                let a = Int($0), b = Int($1)
                let la = rank[Int(graph.layerOfNode[a])], lb = rank[Int(graph.layerOfNode[b])]
                return (la, -degree[a], a) < (lb, -degree[b], b)
            }
        }
        return nodes
    }

    /// Rank of every layer: separators breadth-first from the root of the tree, then the
    /// remaining layers narrowest first. O(L^2).
    static func layerRanks(_ tree: SeparatorTree, _ graph: LayeredDAG) -> [Int] {
        let layers = 0..<graph.layerCount
        let separators = layers.filter { tree.intervals[$0] != nil }
            .sorted { (tree.chains[$0].count, $0) < (tree.chains[$1].count, $1) }
        let others = layers.filter { tree.intervals[$0] == nil }.sorted {
            (graph.layerOffsets[$0 + 1] - graph.layerOffsets[$0], $0) < (graph.layerOffsets[$1 + 1] - graph.layerOffsets[$1], $1)
        }
        var rank = [Int](repeating: 0, count: graph.layerCount)
        for (r, l) in (separators + others).enumerated() { rank[l] = r }
        return rank
    }
}
