import Foundation

/// Reads a whole input file, refusing directories and unreadable paths with one clear line.
public func readInputFile(_ path: String, what: String = "file") throws(CondenseError) -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .io("\(what) not found: \(path)")
    }
    if isDirectory.boolValue { throw .io("\(what) is a directory, not a file: \(path)") }
    // Devices, FIFOs and sockets are refused before they are opened (reading one may never end).
    var info = stat()
    if stat(path, &info) == 0, let kind = specialFileKind(mode: info.st_mode) {
        throw .io("\(what) \(path.replacingControlCharacters) is \(kind), not a regular file")
    }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    } catch {
        throw .io("cannot read \(what) \(path): \(error.localizedDescription)")
    }
}

/// What a file of mode `mode` is, when it is not a regular file ("a character device",
/// "a FIFO", ...), for one-line refusals; `nil` for a regular file.
public func specialFileKind(mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a directory"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFIFO: return "a FIFO"
    case S_IFSOCK: return "a socket"
    case S_IFLNK: return "a symbolic link"
    default: return "not a regular file"
    }
}

extension String {
    /// The string on one line: control characters (newlines included) shown as `\u{..}` escapes.
    public var replacingControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) else { return self }
        return unicodeScalars.map { $0.value < 32 || $0.value == 127 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }
}
