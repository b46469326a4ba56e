import CGraphviz
import CondenseCore
import Foundation

/// What a render produced: the file's bytes and any Graphviz warnings.
public struct RenderOutput: Sendable {
    /// The bytes of the file.
    public var data: Data
    /// Their format.
    public var format: RenderFormat
    /// Warnings Graphviz reported while laying out and rendering (usually none).
    public var warnings: [String]
}

/// Renders a ``RenderScene`` with libgvc in-process: builds a cgraph graph (`agopen`,
/// `agnode`, `agedge`, `agxset`), lays it out (`gvLayout` with `nop2` or `dot`), renders
/// it to memory (`gvRender` into an `open_memstream`) and frees everything, all under the single Graphviz
/// lock of ``GraphvizContext``. Never runs the `dot` program.
///
/// Cost: O(V + E) cgraph calls to build; the layout is O(V + E) for `nop2` (straight
/// edges between given positions) and Graphviz's layered layout for `dot`.
public struct GraphvizRenderer: Sendable {
    /// A renderer (stateless; Graphviz state lives in ``GraphvizContext``).
    public init() {}

    /// Renders `scene` in `format`. Graphviz failures, and errors Graphviz reports through
    /// `agerr` even when it carries on, become ``CondenseError``s carrying Graphviz's own
    /// message; warnings are returned in ``RenderOutput/warnings``.
    public func render(_ scene: RenderScene, format: RenderFormat) throws(CondenseError) -> RenderOutput {
        try GraphvizContext.shared.withContext { gvc throws(CondenseError) in
            let pool = CStringPool()
            guard let graph = agopen(pool["condense"], condense_agdirected(), nil) else {
                throw .internalError("Graphviz could not open a graph: \(GraphvizMessages.collected().summary)")
            }
            defer { agclose(graph) }
            try build(scene, into: graph, pool: pool)
            guard gvLayout(gvc, graph, scene.engine.rawValue) == 0 else {
                throw .internalError("Graphviz layout '\(scene.engine.rawValue)' failed: \(GraphvizMessages.collected().summary)")
            }
            defer { gvFreeLayout(gvc, graph) }
            guard condense_error_reported() == 0 else {
                throw .internalError("Graphviz layout '\(scene.engine.rawValue)' reported: \(GraphvizMessages.collected().summary)")
            }
            var buffer: UnsafeMutablePointer<CChar>?
            var length = 0
            let status = condense_render_stream(gvc, graph, format.rawValue, &buffer, &length)
            defer { free(buffer) }
            guard status == 0, let bytes = buffer else {
                throw .invalidArgument("Graphviz cannot write \(format.rawValue) here: \(GraphvizMessages.collected().summary)")
            }
            guard condense_error_reported() == 0 else {
                throw .internalError("Graphviz reported an error while rendering: \(GraphvizMessages.collected().summary)")
            }
            let data = Data(bytes: bytes, count: length)
            return RenderOutput(data: data, format: format, warnings: GraphvizMessages.collected().lines)
        }
    }

    /// Creates the scene's nodes and edges in `graph`. O(V + E).
    private func build(_ scene: RenderScene, into graph: UnsafeMutablePointer<Agraph_t>, pool: CStringPool) throws(CondenseError) {
        let empty = pool[""]
        for (name, value) in scene.graphAttributes.sorted(by: { $0.key < $1.key }) {
            agattr(graph, AGRAPH, pool[name], pool[value])
        }
        for (name, value) in scene.nodeDefaults.sorted(by: { $0.key < $1.key }) {
            agattr(graph, AGNODE, pool[name], pool[value])
        }
        for (name, value) in scene.edgeDefaults.sorted(by: { $0.key < $1.key }) {
            agattr(graph, AGEDGE, pool[name], pool[value])
        }

        var handles: [UnsafeMutablePointer<Agnode_t>] = []
        handles.reserveCapacity(scene.nodes.count)
        for node in scene.nodes {
            guard let handle = agnode(graph, pool[node.name], 1) else {
                throw .internalError("Graphviz could not create node '\(node.name)'")
            }
            for (name, value) in node.attributes {
                agsafeset(UnsafeMutableRawPointer(handle), pool[name], pool[value], empty)
            }
            if let html = node.htmlLabel {
                let label = agstrdup_html(graph, pool[html])
                agsafeset(UnsafeMutableRawPointer(handle), pool["label"], label, empty)
                agstrfree(graph, label)
            }
            handles.append(handle)
        }

        // Each style resolves once to (symbol, value) pairs shared by all its edges.
        let styles: [[(UnsafeMutablePointer<Agsym_t>, UnsafeMutablePointer<CChar>)]] = scene.edges.styleTable.map { style in
            style.sorted(by: { $0.key < $1.key }).compactMap { name, value in
                let symbol = agattr(graph, AGEDGE, pool[name], nil)
                    ?? agattr(graph, AGEDGE, pool[name], pool[scene.edgeDefaults[name] ?? ""])
                return symbol.map { ($0, pool[value]) }
            }
        }
        let edges = scene.edges
        for e in 0..<edges.count {
            let tail = Int(edges.tails[e]), head = Int(edges.heads[e])
            guard handles.indices.contains(tail), handles.indices.contains(head) else {
                throw .internalError("scene edge \(e) refers to a missing node")
            }
            guard let edge = agedge(graph, handles[tail], handles[head], nil, 1) else {
                throw .internalError("Graphviz could not create edge \(e)")
            }
            let raw = UnsafeMutableRawPointer(edge)
            for (symbol, value) in styles[Int(edges.styles[e])] {
                agxset(raw, symbol, value)
            }
        }
    }
}
