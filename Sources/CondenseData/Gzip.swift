import CZlib
import CondenseCore

/// gzip files (RFC 1952), decoded by zlib: one or more members, each a header, a DEFLATE
/// stream and a trailer whose CRC-32 and length zlib checks.
public enum Gzip {
    /// The header of one gzip member (RFC 1952, section 2.3).
    public struct Header: Sendable, Hashable {
        /// MTIME: seconds since 1970, 0 if unknown.
        public var modificationTime: UInt32 = 0
        /// FTEXT: the data is probably text.
        public var isText = false
        /// FEXTRA: the extra field's bytes.
        public var extra: [UInt8]?
        /// FNAME: the original file name (read as Latin-1).
        public var fileName: String?
        /// FCOMMENT: the comment.
        public var comment: String?
        /// XFL: extra flags (2 = best compression, 4 = fastest).
        public var extraFlags: UInt8 = 0
        /// OS: the operating system that wrote the member (3 = Unix, 255 = unknown).
        public var operatingSystem: UInt8 = 255
        /// Whether the header carried a CRC-16 (FHCRC), which zlib checked.
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

    /// Decompresses a gzip file: the concatenated data of all its members, at most `maxOutputSize` bytes.
    public static func decompress(
        _ bytes: [UInt8], maxOutputSize: Int = Inflate.defaultMaxOutputSize
    ) throws(CondenseError) -> [UInt8] {
        let members = try decompressMembers(bytes, maxOutputSize: maxOutputSize)
        if members.count == 1 { return members[0].data }
        return members.flatMap(\.data)
    }

    /// Decompresses a gzip file member by member. Zero bytes after the last member are
    /// ignored (as GNU gzip does); other trailing bytes are refused. O(output).
    public static func decompressMembers(
        _ bytes: [UInt8], maxOutputSize: Int = Inflate.defaultMaxOutputSize
    ) throws(CondenseError) -> [Member] {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(CondenseError) in try decompressMembers(raw, maxOutputSize: maxOutputSize) }
        }
        return try result.get()
    }

    static func decompressMembers(_ input: UnsafeRawBufferPointer, maxOutputSize: Int) throws(CondenseError) -> [Member] {
        guard isGzip(input) else { throw .invalidData("gzip: not a gzip stream (missing magic bytes 1f 8b)") }
        var members: [Member] = []
        var offset = 0
        var total = 0
        while true {
            let number = members.count + 1
            let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
            // ISIZE (the last 4 bytes if this is the only member) only hints the allocation.
            let hint = members.isEmpty && input.count >= 18
                ? Int(input.loadUnaligned(fromByteOffset: input.count - 4, as: UInt32.self).littleEndian) : nil
            var fields = HeaderBuffers()
            let (data, consumed): ([UInt8], Int)
            do {
                (data, consumed) = try fields.withHeader { (header) throws(CondenseError) in
                    try ZlibInflation.inflate(rest, format: .gzip, maxOutputSize: maxOutputSize - total, sizeHint: hint, header: header)
                }
            } catch {
                throw .invalidData("gzip member \(number): \(error.message)")
            }
            total += data.count
            members.append(Member(header: fields.header, data: data))
            offset += consumed
            if offset == input.count { return members }
            let trailing = input[offset...]
            if isGzip(trailing) { continue }
            if trailing.allSatisfy({ $0 == 0 }) { return members }
            throw .invalidData("gzip: \(trailing.count) bytes of trailing garbage after member \(number)")
        }
    }

    /// zlib's `gz_header` with buffers for the extra field, the name and the comment.
    private struct HeaderBuffers {
        var raw = gz_header()
        var extra = [UInt8](repeating: 0, count: 1 << 16)
        var name = [UInt8](repeating: 0, count: 4096)
        var comment = [UInt8](repeating: 0, count: 4096)
        var header = Header()

        mutating func withHeader<T>(_ body: (UnsafeMutablePointer<gz_header>) throws(CondenseError) -> T) throws(CondenseError) -> T {
            let result: Result<T, CondenseError> = extra.withUnsafeMutableBufferPointer { e in
                name.withUnsafeMutableBufferPointer { n in
                    comment.withUnsafeMutableBufferPointer { c in
                        raw.extra = e.baseAddress
                        raw.extra_max = UInt32(e.count)
                        raw.name = n.baseAddress
                        raw.name_max = UInt32(n.count)
                        raw.comment = c.baseAddress
                        raw.comm_max = UInt32(c.count)
                        return withUnsafeMutablePointer(to: &raw) { p in Result { () throws(CondenseError) in try body(p) } }
                    }
                }
            }
            let value = try result.get()
            header.modificationTime = UInt32(truncatingIfNeeded: raw.time)
            header.isText = raw.text != 0
            header.extraFlags = UInt8(truncatingIfNeeded: raw.xflags)
            header.operatingSystem = UInt8(truncatingIfNeeded: raw.os)
            header.hasHeaderCRC = raw.hcrc != 0
            if raw.extra != nil, raw.extra_len > 0 { header.extra = Array(extra.prefix(min(Int(raw.extra_len), extra.count))) }
            header.fileName = Self.latin1(name, present: raw.name != nil && name.first != 0)
            header.comment = Self.latin1(comment, present: raw.comment != nil && comment.first != 0)
            return value
        }

        static func latin1(_ bytes: [UInt8], present: Bool) -> String? {
            guard present else { return nil }
            return String(String.UnicodeScalarView(bytes.prefix { $0 != 0 }.map { Unicode.Scalar($0) }))
        }
    }
}
