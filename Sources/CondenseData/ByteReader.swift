import CondenseCore

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
