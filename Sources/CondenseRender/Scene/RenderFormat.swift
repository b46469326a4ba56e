import CondenseCore

/// The file formats the renderer writes, all produced by libgvc in-process.
public enum RenderFormat: String, CaseIterable, Sendable, Codable {
    case svg
    /// Through Graphviz's cairo plugin.
    case png
    /// Through Graphviz's cairo plugin.
    case pdf
    /// DOT with the computed positions, for further editing.
    case dot

    /// The format named by the extension of `path` (case-insensitive).
    public init(path: String) throws(CondenseError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), let format = RenderFormat(rawValue: name[name.index(after: dot)...].lowercased())
        else {
            throw .invalidArgument("cannot tell the output format of '\(path)': use a .svg, .png, .pdf or .dot file name")
        }
        self = format
    }
}
