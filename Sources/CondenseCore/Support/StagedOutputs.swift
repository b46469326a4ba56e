import Foundation

/// Outputs that belong together (a simplified model and its certificate), written so that
/// an interruption never leaves a new file beside a stale one.
///
/// Each output is first written to a temporary file in its destination's folder
/// (``stage(_:)``). ``commit()`` then removes the old versions of every output but the first,
/// and renames the temporary files into place in order: killed half-way, the folder holds
/// the new model and no certificate, never the new model and the old certificate.
/// Temporary files are registered with ``TemporaryFiles`` so that SIGINT and SIGTERM remove them.
public struct StagedOutputs: ~Copyable {
    private var entries: [(temporary: String, final: String)] = []

    public init() {}

    /// A temporary path next to `final` to write that output to.
    public mutating func stage(_ final: String) -> String {
        let url = URL(fileURLWithPath: final)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        TemporaryFiles.register(temporary)
        entries.append((temporary, final))
        return temporary
    }

    /// Moves every staged file into place (see the type's description).
    public consuming func commit() throws(CondenseError) {
        for entry in entries.dropFirst() {
            try OutputSafety.refuseSpecialFile(entry.final)
            if FileManager.default.fileExists(atPath: entry.final), unlink(entry.final) != 0 {
                throw .io("cannot replace \(entry.final): \(String(cString: strerror(errno)))")
            }
        }
        for entry in entries {
            try OutputSafety.refuseSpecialFile(entry.final)
            if rename(entry.temporary, entry.final) != 0 {
                let reason = String(cString: strerror(errno))
                discardAll()
                throw .io("cannot move the output into place at \(entry.final): \(reason)")
            }
            TemporaryFiles.unregister(entry.temporary)
        }
        entries = []
    }

    /// Removes every staged file that is still there.
    public consuming func discard() { discardAll() }

    private func discardAll() {
        for entry in entries where FileManager.default.fileExists(atPath: entry.temporary) {
            unlink(entry.temporary)
            TemporaryFiles.unregister(entry.temporary)
        }
    }

    deinit { discardAll() }
}

/// The temporary files the process has open, removed on SIGINT and SIGTERM by the CLI.
public enum TemporaryFiles {
    nonisolated(unsafe) private static var paths = Set<String>()
    private static let lock = NSLock()

    public static func register(_ path: String) { lock.withLock { _ = paths.insert(path) } }
    public static func unregister(_ path: String) { lock.withLock { _ = paths.remove(path) } }

    /// Removes every registered file (best effort).
    public static func removeAll() {
        lock.withLock {
            for path in paths { unlink(path) }
            paths = []
        }
    }
}
