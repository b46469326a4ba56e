import CondenseCore

/// A NumPy `.npz` archive, as written by `np.savez` and `np.savez_compressed`: a ZIP
/// archive (PKWARE APPNOTE) whose entries `NAME.npy` are stored or deflated
/// (RFC 1951) `.npy` files.
///
/// The central directory is read up front; arrays are decompressed when asked for.
public struct NPZFile: Sendable {
    /// The array names in archive order, without the `.npy` suffix.
    public let names: [String]
    private let archive: ZipArchive
    private let name: String

    /// Whether `bytes` start like a ZIP archive.
    public static func isNPZ(_ bytes: some Collection<UInt8>) -> Bool { ZipArchive.looksLikeZip(bytes) }

    /// Parses an `.npz` archive from its bytes.
    /// - Parameter name: the file's name, for error messages.
    public init(bytes: [UInt8], name: String = "npz file") throws(CondenseError) {
        self.name = name
        archive = try ZipArchive(bytes: bytes, what: name)
        names = archive.entries.map { $0.name.hasSuffix(".npy") ? String($0.name.dropLast(4)) : $0.name }
    }

    /// Reads and parses an `.npz` archive.
    public init(path: String) throws(CondenseError) {
        try self.init(bytes: [UInt8](try readInputFile(path, what: "npz file")), name: path)
    }

    /// Whether the archive holds an array called `name`.
    public func contains(_ name: String) -> Bool { names.contains(name) }

    /// The array called `name` (the entry `name.npy`).
    /// - Parameter maxOutputSize: the largest decompressed entry accepted.
    public func array(_ name: String, maxOutputSize: Int = Inflate.defaultMaxOutputSize) throws(CondenseError) -> NPYFile {
        guard let index = names.firstIndex(of: name) else {
            let known = names.map { "'\($0)'" }.joined(separator: ", ")
            throw .invalidData("\(self.name): no array '\(name)' (it holds \(known.isEmpty ? "none" : known))")
        }
        let entry = archive.entries[index]
        let bytes = try archive.contents(of: entry, maxOutputSize: maxOutputSize)
        return try NPYFile(bytes: bytes, name: "\(self.name): \(entry.name)")
    }
}
