import Foundation

/// C strings for Graphviz calls: each distinct Swift string is copied once (`strdup`) and
/// freed when the pool goes away, so 10^5 edges sharing a style share its strings.
final class CStringPool {
    private var strings: [String: UnsafeMutablePointer<CChar>] = [:]

    /// The pooled C copy of `text`. O(|text|) expected.
    subscript(_ text: String) -> UnsafeMutablePointer<CChar> {
        if let known = strings[text] { return known }
        let copy = strdup(text)!
        strings[text] = copy
        return copy
    }

    deinit {
        for pointer in strings.values { free(pointer) }
    }
}
