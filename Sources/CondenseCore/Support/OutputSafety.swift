import Foundation

/// The rules every command follows before it writes: an output is never one of the
/// command's inputs, two outputs never name the same file, and nothing that is not a
/// regular file (a device such as `/dev/full`, a FIFO, a directory) is replaced.
///
/// Files are compared by identity (device and inode, after resolving symbolic links), not
/// by the spelling of their paths; a path that does not exist yet is compared by its
/// resolved parent folder and name. O(paths).
public enum OutputSafety {
    /// A file's identity: device and inode of what `path` resolves to, or the resolved
    /// parent and name when nothing exists there yet.
    enum Identity: Hashable {
        case file(device: UInt64, inode: UInt64)
        case planned(String)
    }

    static func identity(of path: String) -> Identity {
        var info = stat()
        if stat(path, &info) == 0 { return .file(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        return .planned(parent + "/" + url.lastPathComponent)
    }

    /// Refuses the command's outputs when one is an input, two are the same file, or one
    /// exists and is not a regular file. `outputs` and `inputs` pair a flag (for the message)
    /// with a path; `nil` paths are skipped.
    public static func check(outputs: [(flag: String, path: String?)], inputs: [(flag: String, path: String?)]) throws(CondenseError) {
        var inputIdentities: [Identity: String] = [:]
        for (flag, path) in inputs {
            guard let path, FileManager.default.fileExists(atPath: path) else { continue }
            inputIdentities[identity(of: path)] = flag
        }
        var seen: [Identity: String] = [:]
        for (flag, path) in outputs {
            guard let path else { continue }
            let id = identity(of: path)
            if let input = inputIdentities[id] {
                throw .invalidArgument("\(flag) \(path.replacingControlCharacters) is the same file as the input \(input); "
                                       + "Condense never writes over its inputs")
            }
            if let other = seen[id] {
                throw .invalidArgument("\(flag) and \(other) name the same file \(path.replacingControlCharacters)")
            }
            seen[id] = flag
            try refuseSpecialFile(path, flag: flag)
        }
    }

    /// Refuses `path` when something that is not a regular file exists there (a link is
    /// followed: what it points to must be a regular file, or nothing yet).
    public static func refuseSpecialFile(_ path: String, flag: String = "the output") throws(CondenseError) {
        var info = stat()
        guard stat(path, &info) == 0, let kind = specialFileKind(mode: info.st_mode) else { return }
        throw .invalidArgument("\(flag) \(path.replacingControlCharacters) is \(kind); Condense replaces only regular files")
    }

    /// Checks an output folder and the files a command will write into it: the folder must
    /// be a directory or not exist yet, and none of the files may be an input.
    public static func check(folder: String, flag: String, files: [String], inputs: [(flag: String, path: String?)]) throws(CondenseError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .invalidArgument("\(flag) \(folder.replacingControlCharacters) exists and is not a directory")
        }
        try check(outputs: files.map { (flag + " " + $0, (folder as NSString).appendingPathComponent($0)) }, inputs: inputs)
    }
}

