import Foundation

/// Reads a whole input file, refusing directories and unreadable paths with one clear line.
public func readInputFile(_ path: String, what: String = "file") throws(CondenseError) -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .io("\(what) not found: \(path)")
    }
    if isDirectory.boolValue { throw .io("\(what) is a directory, not a file: \(path)") }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
    } catch {
        throw .io("cannot read \(what) \(path): \(error.localizedDescription)")
    }
}
