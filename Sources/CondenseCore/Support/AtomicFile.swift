import Foundation

/// Writes files atomically: the bytes go to a temporary file in the destination's
/// directory, which is then renamed over the destination. A reader never sees a
/// half-written file, and a failed write leaves the old file as it was.
public enum AtomicFile {
    /// Writes `data` to `path` through a temporary file and a rename.
    /// Refuses to replace anything that is not a regular file (a device, a FIFO, a directory).
    public static func write(_ data: Data, to path: String) throws(CondenseError) {
        try OutputSafety.refuseSpecialFile(path)
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .io("cannot create directory \(directory.path): \(error.localizedDescription)")
            }
        } else if !isDirectory.boolValue {
            throw .io("\(directory.path) is not a directory")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        TemporaryFiles.register(temporary.path)
        defer { TemporaryFiles.unregister(temporary.path) }
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .io("cannot write \(path): \(error.localizedDescription)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .io("cannot move the output into place at \(path): \(reason)")
        }
    }

    /// Writes UTF-8 `text` to `path` atomically.
    public static func write(_ text: String, to path: String) throws(CondenseError) {
        try write(Data(text.utf8), to: path)
    }
}
