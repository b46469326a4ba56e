import Foundation

/// Reads a whole input file, refusing directories and unreadable paths with one clear line.
public func readInputFile(_ path: String, what: String = "file") throws(CondenseError) -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .io("\(what) not found: \(path)")
    }
    if isDirectory.boolValue { throw .io("\(what) is a directory, not a file: \(path)") }
    // Devices, FIFOs and sockets are refused before they are opened (reading one may never end).
    if let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType,
       type != .typeRegular {
        let kind: String
        switch type {
        case .typeCharacterSpecial: kind = "a character device"
        case .typeBlockSpecial: kind = "a block device"
        case .typeSocket: kind = "a socket"
        default: kind = "a FIFO or another special file"
        }
        throw .io("\(what) \(path.replacingControlCharacters) is \(kind), not a regular file")
    }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    } catch {
        throw .io("cannot read \(what) \(path): \(error.localizedDescription)")
    }
}

extension String {
    /// The string on one line: control characters (newlines included) shown as `\u{..}` escapes.
    public var replacingControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 }) else { return self }
        return unicodeScalars.map { $0.value < 32 || $0.value == 127 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }
}
