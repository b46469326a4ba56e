import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What the tests read from an SVG: its `<g>` groups (class and id) and its text.
/// Parsing fails (and so does the test) when the output is not well-formed XML.
struct SVGDocument {
    struct Group: Hashable {
        var id: String
        var classes: [String]
    }

    private(set) var groups: [Group] = []
    private(set) var texts: [String] = []
    private(set) var rootName = ""

    init(_ data: Data) throws {
        let delegate = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw SVGError.malformed(parser.parserError?.localizedDescription ?? "unknown XML error")
        }
        groups = delegate.groups
        texts = delegate.texts
        rootName = delegate.rootName
    }

    /// Groups whose class list contains every class in `classes`.
    func groups(_ classes: String...) -> [Group] {
        groups.filter { group in classes.allSatisfy(group.classes.contains) }
    }

    func group(id: String) -> Group? { groups.first { $0.id == id } }

    /// All text of the drawing, joined by spaces.
    var allText: String { texts.joined(separator: " ") }

    enum SVGError: Error { case malformed(String) }

    private final class Collector: NSObject, XMLParserDelegate {
        var groups: [Group] = []
        var texts: [String] = []
        var rootName = ""
        private var inText = false
        private var current = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if rootName.isEmpty { rootName = name }
            if name == "g" {
                groups.append(Group(id: attributes["id"] ?? "",
                                    classes: (attributes["class"] ?? "").split(separator: " ").map(String.init)))
            }
            if name == "text" { inText = true; current = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current); inText = false }
        }
    }
}
