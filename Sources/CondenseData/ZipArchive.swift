import CondenseCore

/// A read-only ZIP archive (PKWARE APPNOTE.TXT): the central directory, including its
/// ZIP64 extensions, and entries stored (method 0) or deflated (method 8, RFC 1951).
///
/// Only what NumPy's `.npz` files need: no encryption, no multi-disk archives.
struct ZipArchive: Sendable {
    struct Entry: Sendable, Hashable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let bytes: [UInt8]
    let entries: [Entry]
    let what: String

    /// Whether `bytes` start like a ZIP archive: a local file header, or the end record of an empty archive.
    static func looksLikeZip(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(4))
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    init(bytes: [UInt8], what: String = "ZIP archive") throws(CondenseError) {
        self.bytes = bytes
        self.what = what
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(CondenseError) in try ZipArchive.readCentralDirectory(raw, what: what) }
        }
        entries = try result.get()
    }

    private static func readCentralDirectory(
        _ data: UnsafeRawBufferPointer, what: String
    ) throws(CondenseError) -> [Entry] {
        // End of central directory record: 22 bytes plus a comment of up to 65535 bytes.
        guard data.count >= 22 else { throw .invalidData("\(what): too short to be a ZIP archive") }
        var endOffset = -1
        var candidate = data.count - 22
        let lowest = max(0, data.count - 22 - 65535)
        while candidate >= lowest {
            if data.loadUnaligned(fromByteOffset: candidate, as: UInt32.self).littleEndian == 0x0605_4B50 {
                endOffset = candidate
                break
            }
            candidate -= 1
        }
        guard endOffset >= 0 else {
            throw .invalidData("\(what): no end of central directory record (not a ZIP archive, or truncated)")
        }
        var end = ByteReader(data, from: endOffset + 4, what: what)
        let disk = try end.uint16LE()
        let directoryDisk = try end.uint16LE()
        _ = try end.uint16LE()
        var count = Int(try end.uint16LE())
        var directorySize = Int(try end.uint32LE())
        var directoryOffset = Int(try end.uint32LE())
        guard disk == 0 || disk == 0xFFFF, directoryDisk == 0 || directoryDisk == 0xFFFF else {
            throw .invalidData("\(what): multi-disk ZIP archives are not supported")
        }

        // ZIP64 end of central directory locator, just before the end record.
        if endOffset >= 20,
           data.loadUnaligned(fromByteOffset: endOffset - 20, as: UInt32.self).littleEndian == 0x0706_4B50 {
            var locator = ByteReader(data, from: endOffset - 20 + 8, what: what)
            let recordOffset = try locator.uint64LE()
            guard data.count >= 56, recordOffset <= UInt64(data.count - 56) else {
                throw .invalidData("\(what): ZIP64 end record offset \(recordOffset) out of range")
            }
            var record = ByteReader(data, from: Int(recordOffset), what: what)
            guard try record.uint32LE() == 0x0606_4B50 else {
                throw .invalidData("\(what): bad ZIP64 end of central directory signature")
            }
            try record.skip(8 + 2 + 2 + 4 + 4 + 8)
            let total = try record.uint64LE()
            let size = try record.uint64LE()
            let offset = try record.uint64LE()
            guard total <= UInt64(data.count), size <= UInt64(data.count), offset <= UInt64(data.count) else {
                throw .invalidData("\(what): ZIP64 central directory out of range")
            }
            count = Int(total)
            directorySize = Int(size)
            directoryOffset = Int(offset)
        }
        guard directoryOffset <= data.count, directorySize <= data.count - directoryOffset else {
            throw .invalidData("\(what): central directory out of range (truncated archive?)")
        }
        // Each central directory header takes at least 46 bytes.
        guard count <= directorySize / 46 else {
            throw .invalidData("\(what): \(count) entries cannot fit in a \(directorySize)-byte central directory")
        }

        var reader = ByteReader(data, from: directoryOffset, what: "\(what) central directory")
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard try reader.uint32LE() == 0x0201_4B50 else {
                throw .invalidData("\(what): bad central directory header signature")
            }
            try reader.skip(4)  // versions
            let flags = try reader.uint16LE()
            let method = try reader.uint16LE()
            try reader.skip(4)  // time, date
            let crc = try reader.uint32LE()
            var compressed = UInt64(try reader.uint32LE())
            var uncompressed = UInt64(try reader.uint32LE())
            let nameLength = Int(try reader.uint16LE())
            let extraLength = Int(try reader.uint16LE())
            let commentLength = Int(try reader.uint16LE())
            try reader.skip(2 + 2 + 4)  // disk start, attributes
            var localOffset = UInt64(try reader.uint32LE())
            let name = String(decoding: try reader.bytes(nameLength), as: UTF8.self)
            var extra = ByteReader(try reader.bytes(extraLength), what: "\(what) entry \(name) extra field")
            try reader.skip(commentLength)

            // ZIP64 extended information: the 64-bit values of the fields saturated at 0xFFFFFFFF.
            while extra.remaining >= 4 {
                let id = try extra.uint16LE()
                let size = Int(try extra.uint16LE())
                var field = ByteReader(try extra.bytes(size), what: "\(what) entry \(name) ZIP64 field")
                guard id == 0x0001 else { continue }
                if uncompressed == 0xFFFF_FFFF { uncompressed = try field.uint64LE() }
                if compressed == 0xFFFF_FFFF { compressed = try field.uint64LE() }
                if localOffset == 0xFFFF_FFFF { localOffset = try field.uint64LE() }
            }
            guard compressed <= UInt64(data.count), localOffset <= UInt64(data.count),
                  uncompressed <= UInt64(Int.max) else {
                throw .invalidData("\(what): entry \(name) has sizes or offsets beyond the archive")
            }
            entries.append(Entry(
                name: name, method: method, flags: flags, crc32: crc, compressedSize: Int(compressed),
                uncompressedSize: Int(uncompressed), localHeaderOffset: Int(localOffset)))
        }
        return entries
    }

    /// The decompressed, CRC-checked contents of `entry`.
    func contents(of entry: Entry, maxOutputSize: Int = Inflate.defaultMaxOutputSize) throws(CondenseError) -> [UInt8] {
        let label = "\(what): entry \(entry.name)"
        guard entry.flags & 1 == 0 else { throw .invalidData("\(label) is encrypted") }
        guard entry.uncompressedSize <= maxOutputSize else {
            throw .invalidData("\(label) declares \(entry.uncompressedSize) bytes, more than the limit of \(maxOutputSize)")
        }
        let result = bytes.withUnsafeBytes { data in
            Result { () throws(CondenseError) -> [UInt8] in
                var local = ByteReader(data, from: entry.localHeaderOffset, what: label)
                guard try local.uint32LE() == 0x0403_4B50 else {
                    throw .invalidData("\(label): bad local file header signature")
                }
                try local.skip(22)
                let nameLength = Int(try local.uint16LE())
                let extraLength = Int(try local.uint16LE())
                try local.skip(nameLength + extraLength)
                let compressed = try local.bytes(entry.compressedSize)
                let output: [UInt8]
                switch entry.method {
                case 0:
                    guard entry.compressedSize == entry.uncompressedSize else {
                        throw .invalidData("\(label): stored entry with different compressed and uncompressed sizes")
                    }
                    output = Array(compressed)
                case 8:
                    do throws(CondenseError) {
                        output = try Inflate.decompressPrefix(
                            compressed, maxOutputSize: entry.uncompressedSize, sizeHint: entry.uncompressedSize
                        ).output
                    } catch {
                        throw .invalidData("\(label): \(error.message)")
                    }
                default:
                    throw .invalidData("\(label): unsupported compression method \(entry.method) (only 0 stored, 8 deflated)")
                }
                guard output.count == entry.uncompressedSize else {
                    throw .invalidData("\(label): \(output.count) bytes, the directory says \(entry.uncompressedSize)")
                }
                let crc = CRC32.checksum(output)
                guard crc == entry.crc32 else {
                    throw .invalidData("\(label): CRC-32 mismatch (stored \(hex(entry.crc32)), computed \(hex(crc)))")
                }
                return output
            }
        }
        return try result.get()
    }
}
