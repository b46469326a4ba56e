import CGraphviz
import CondenseCore
import Foundation

/// The single door to Graphviz. cgraph and libgvc keep global state (string dictionaries,
/// the error handler, plugin tables) and are not thread-safe, so every Graphviz call in
/// Condense runs inside ``withContext(_:)``, which holds one process-wide lock.
public final class GraphvizContext: @unchecked Sendable {
    /// The process-wide context.
    public static let shared = GraphvizContext()

    private let lock = NSLock()
    /// `GVC_t *`, created on first use and kept for the life of the process
    /// (it holds the loaded plugins). Only touched under `lock`.
    private var gvc: OpaquePointer?

    private init() {}

    /// Runs `body` with the Graphviz context (`GVC_t *`) while holding the lock. Graphviz
    /// messages are collected instead of printed; `body` reads them with
    /// ``GraphvizMessages/collected()``.
    public func withContext<T>(_ body: (OpaquePointer) throws(CondenseError) -> T) throws(CondenseError) -> T {
        lock.lock()
        defer { lock.unlock() }
        condense_begin_error_capture()
        if gvc == nil {
            gvc = gvContext()
        }
        guard let context = gvc else {
            throw .internalError("Graphviz could not create a context (gvContext failed)")
        }
        return try body(context)
    }
}

/// A snapshot of the warnings and errors Graphviz reported through `agerr`.
public struct GraphvizMessages: Hashable, Sendable {
    /// Messages ("Warning: ...", "Error: ..."), each with its continuation lines joined
    /// (Graphviz reports "Error: mismatched tag" and then "in label of node a").
    public let lines: [String]

    /// The messages collected since the lock was taken; call only inside
    /// ``GraphvizContext/withContext(_:)``.
    static func collected() -> GraphvizMessages {
        GraphvizMessages(lines: messages(String(cString: condense_captured_errors())))
    }

    /// The errors (or, if there are none, everything) as one line, for an error message.
    public var summary: String {
        let errors = lines.filter { $0.hasPrefix("Error") }
        let chosen = errors.isEmpty ? lines : errors
        return chosen.isEmpty ? "no message from Graphviz" : chosen.joined(separator: "; ")
    }

    /// Splits Graphviz's output into messages: a line starting with "Error" or
    /// "Warning" opens one, other lines continue it. O(length).
    static func messages(_ text: String) -> [String] {
        var result: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            if trimmed.hasPrefix("Error") || trimmed.hasPrefix("Warning") || result.isEmpty {
                result.append(trimmed)
            } else {
                result[result.count - 1] += " " + trimmed
            }
        }
        return result
    }
}
