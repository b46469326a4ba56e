import CondenseCore

/// A gzip decoder (RFC 1952): one or more members, each a header, a DEFLATE stream
/// (RFC 1951, decoded by ``Inflate``) and a trailer with the CRC-32 and the size
/// modulo 2^32 of its data, both checked.
public enum Gzip {
    /// The header of one gzip member (RFC 1952, section 2.3).
    public struct Header: Sendable, Hashable {
        /// MTIME: seconds since 1970, 0 if unknown.
        public var modificationTime: UInt32 = 0
        /// FTEXT: the data is probably text.
        public var isText = false
        /// FEXTRA: the extra field's bytes.
        public var extra: [UInt8]?
        /// FNAME: the original file name (ISO 8859-1 in the RFC; read as Latin-1).
        public var fileName: String?
        /// FCOMMENT: the comment.
        public var comment: String?
        /// XFL: extra flags (2 = best compression, 4 = fastest).
        public var extraFlags: UInt8 = 0
        /// OS: the operating system that wrote the member (3 = Unix, 255 = unknown).
        public var operatingSystem: UInt8 = 255
        /// Whether the header carried a CRC-16 (FHCRC), which was checked.
        public var hasHeaderCRC = false
    }

    /// One member: its header and decompressed data.
    public struct Member: Sendable, Hashable {
        public var header: Header
        public var data: [UInt8]
    }

    /// Whether `bytes` start with the gzip magic bytes 1f 8b.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var i = bytes.makeIterator()
        return i.next() == 0x1F && i.next() == 0x8B
    }

    /// Decompresses a gzip file: the concatenated data of all its members.
    ///
    /// - Parameter maxOutputSize: the largest total output accepted.
    public static func decompress(
        _ bytes: [UInt8], maxOutputSize: Int = Inflate.defaultMaxOutputSize
    ) throws(CondenseError) -> [UInt8] {
        let members = try decompressMembers(bytes, maxOutputSize: maxOutputSize)
        if members.count == 1 { return members[0].data }
        return members.flatMap(\.data)
    }

    /// Decompresses a gzip file member by member.
    ///
    /// Zero bytes after the last member are ignored (as GNU gzip does); other trailing
    /// bytes are refused.
    public static func decompressMembers(
        _ bytes: [UInt8], maxOutputSize: Int = Inflate.defaultMaxOutputSize
    ) throws(CondenseError) -> [Member] {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(CondenseError) in try decompressMembers(raw, maxOutputSize: maxOutputSize) }
        }
        return try result.get()
    }

    static func decompressMembers(
        _ input: UnsafeRawBufferPointer, maxOutputSize: Int
    ) throws(CondenseError) -> [Member] {
        guard isGzip(input) else {
            throw .invalidData("gzip: not a gzip stream (missing magic bytes 1f 8b)")
        }
        var members: [Member] = []
        var offset = 0
        var total = 0
        while true {
            let number = members.count + 1
            var reader = ByteReader(input, from: offset, what: "gzip member \(number)")
            let header = try readHeader(&reader, number: number)
            let rest = UnsafeRawBufferPointer(rebasing: input[reader.offset...])
            // ISIZE (the last 4 bytes if this is the only member) only hints the allocation.
            let hint = input.count >= 4 && rest.count >= 8
                ? Int(input.loadUnaligned(fromByteOffset: input.count - 4, as: UInt32.self).littleEndian) : nil
            let (data, consumed): ([UInt8], Int)
            do {
                (data, consumed) = try Inflate.decompressPrefix(
                    rest, maxOutputSize: maxOutputSize - total, sizeHint: members.isEmpty ? hint : nil)
            } catch {
                throw .invalidData("gzip member \(number): \(error.message)")
            }
            reader = ByteReader(input, from: reader.offset + consumed, what: "gzip member \(number) trailer")
            let storedCRC = try reader.uint32LE()
            let storedSize = try reader.uint32LE()
            let crc = CRC32.checksum(data)
            guard crc == storedCRC else {
                throw .invalidData(
                    "gzip member \(number): CRC-32 mismatch (stored \(hex(storedCRC)), computed \(hex(crc)))")
            }
            guard UInt32(truncatingIfNeeded: data.count) == storedSize else {
                throw .invalidData(
                    "gzip member \(number): size mismatch (trailer says \(storedSize) mod 2^32, got \(data.count))")
            }
            total += data.count
            members.append(Member(header: header, data: data))
            offset = reader.offset
            if offset == input.count { return members }
            let trailing = input[offset...]
            if isGzip(trailing) { continue }
            if trailing.allSatisfy({ $0 == 0 }) { return members }
            throw .invalidData("gzip: \(trailing.count) bytes of trailing garbage after member \(number)")
        }
    }

    private static func readHeader(_ reader: inout ByteReader, number: Int) throws(CondenseError) -> Header {
        let start = reader.offset
        guard try reader.byte() == 0x1F, try reader.byte() == 0x8B else {
            throw .invalidData("gzip member \(number): missing magic bytes 1f 8b")
        }
        let method = try reader.byte()
        guard method == 8 else {
            throw .invalidData("gzip member \(number): unknown compression method \(method) (only 8, deflate)")
        }
        let flags = try reader.byte()
        guard flags & 0xE0 == 0 else {
            throw .invalidData("gzip member \(number): reserved header flags set (\(hex(UInt32(flags))))")
        }
        var header = Header()
        header.isText = flags & 0x01 != 0
        header.modificationTime = try reader.uint32LE()
        header.extraFlags = try reader.byte()
        header.operatingSystem = try reader.byte()
        if flags & 0x04 != 0 {  // FEXTRA
            let length = Int(try reader.uint16LE())
            header.extra = Array(try reader.bytes(length))
        }
        if flags & 0x08 != 0 { header.fileName = try reader.latin1CString() }  // FNAME
        if flags & 0x10 != 0 { header.comment = try reader.latin1CString() }  // FCOMMENT
        if flags & 0x02 != 0 {  // FHCRC: the low 16 bits of the CRC-32 of the header so far
            let computed = UInt16(truncatingIfNeeded: CRC32.checksum(reader.slice(from: start)))
            let stored = try reader.uint16LE()
            guard stored == computed else {
                throw .invalidData(
                    "gzip member \(number): header CRC-16 mismatch (stored \(hex(UInt32(stored))), computed \(hex(UInt32(computed))))")
            }
            header.hasHeaderCRC = true
        }
        return header
    }
}

func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

extension CondenseError {
    /// The message without the "invalid data:" prefix, to nest one error in another.
    var message: String {
        switch self {
        case .invalidData(let m), .io(let m), .invalidArgument(let m), .invalidModel(let m),
             .shapeMismatch(let m), .nonFiniteWeight(let m), .internalError(let m):
            return m
        default:
            return description
        }
    }
}

/// A bounds-checked little/big-endian reader over bytes; running off the end is a
/// "truncated" error naming `what`.
struct ByteReader {
    let data: UnsafeRawBufferPointer
    private(set) var offset: Int
    let what: String

    init(_ data: UnsafeRawBufferPointer, from offset: Int = 0, what: String) {
        self.data = data
        self.offset = offset
        self.what = what
    }

    var remaining: Int { data.count - offset }

    func truncated() -> CondenseError { .invalidData("\(what): truncated (unexpected end of data)") }

    mutating func bytes(_ count: Int) throws(CondenseError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw truncated() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: data[offset..<(offset + count)])
    }

    func slice(from start: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: data[start..<offset]) }

    mutating func skip(_ count: Int) throws(CondenseError) { _ = try bytes(count) }

    mutating func byte() throws(CondenseError) -> UInt8 { try bytes(1)[0] }

    mutating func uint16LE() throws(CondenseError) -> UInt16 {
        UInt16(littleEndian: try bytes(2).loadUnaligned(as: UInt16.self))
    }

    mutating func uint32LE() throws(CondenseError) -> UInt32 {
        UInt32(littleEndian: try bytes(4).loadUnaligned(as: UInt32.self))
    }

    mutating func uint64LE() throws(CondenseError) -> UInt64 {
        UInt64(littleEndian: try bytes(8).loadUnaligned(as: UInt64.self))
    }

    mutating func uint32BE() throws(CondenseError) -> UInt32 {
        UInt32(bigEndian: try bytes(4).loadUnaligned(as: UInt32.self))
    }

    /// A zero-terminated ISO 8859-1 string.
    mutating func latin1CString() throws(CondenseError) -> String {
        var scalars = String.UnicodeScalarView()
        while true {
            let b = try byte()
            if b == 0 { return String(scalars) }
            scalars.append(Unicode.Scalar(b))
        }
    }
}
