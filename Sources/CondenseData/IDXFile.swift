import CondenseCore

/// An array in the IDX format of the MNIST files (LeCun et al.,
/// http://yann.lecun.com/exdb/mnist/), read plain or gzip-compressed.
///
/// Layout: two zero bytes, a type byte (0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
/// 0x0D float32, 0x0E float64), a dimension count, one big-endian UInt32 per dimension,
/// then the elements in row-major order, big-endian. MNIST images have the magic number
/// 0x00000803 (uint8, 3 dimensions: count x 28 x 28), labels 0x00000801.
public struct IDXFile: Sendable, Hashable {
    /// The element type.
    public var type: ScalarType
    /// The dimensions, outermost (the sample count) first.
    public var dimensions: [Int]
    /// The elements as stored: row-major, big-endian.
    public var data: [UInt8]

    /// The number of elements.
    public var count: Int { data.count / type.byteCount }

    /// The element types of the IDX type byte.
    static let typeCodes: [UInt8: ScalarType] = [
        0x08: .uint8, 0x09: .int8, 0x0B: .int16, 0x0C: .int32, 0x0D: .float32, 0x0E: .float64,
    ]

    /// Whether `bytes` (uncompressed) start with an IDX magic number.
    public static func isIDX(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(4))
        return head.count == 4 && head[0] == 0 && head[1] == 0 && typeCodes[head[2]] != nil && head[3] > 0
    }

    /// Parses an IDX file from its bytes, which may be gzip-compressed (detected by the
    /// gzip magic bytes, RFC 1952).
    ///
    /// The declared size is checked against the bytes present before any allocation.
    /// - Parameters:
    ///   - name: the file's name, for error messages.
    ///   - maxOutputSize: the largest decompressed size accepted.
    public init(
        bytes: [UInt8], name: String = "IDX file", maxOutputSize: Int = Inflate.defaultMaxOutputSize
    ) throws(CondenseError) {
        var bytes = bytes
        if Gzip.isGzip(bytes) {
            do throws(CondenseError) {
                bytes = try Gzip.decompress(bytes, maxOutputSize: maxOutputSize)
            } catch {
                throw .invalidData("\(name): \(error.message)")
            }
        }
        guard bytes.count >= 4 else { throw .invalidData("\(name): truncated IDX file (\(bytes.count) bytes)") }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw .invalidData("\(name): not an IDX file (magic number \(hex(Self.magic(bytes))) does not start with two zero bytes)")
        }
        guard let type = Self.typeCodes[bytes[2]] else {
            throw .invalidData("\(name): unknown IDX element type 0x\(String(bytes[2], radix: 16)) (magic \(hex(Self.magic(bytes))))")
        }
        let rank = Int(bytes[3])
        guard rank > 0 else { throw .invalidData("\(name): IDX file with zero dimensions") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw .invalidData("\(name): truncated IDX header (\(rank) dimensions need \(headerSize) bytes, have \(bytes.count))")
        }
        let dimensions = (0..<rank).map { (d: Int) -> Int in
            bytes[(4 + 4 * d)..<(8 + 4 * d)].reduce(0) { (value: Int, byte: UInt8) in value << 8 | Int(byte) }
        }
        let available = bytes.count - headerSize
        let shape = dimensions.map(String.init).joined(separator: " x ")
        guard let count = checkedProduct(dimensions),
              case let (size, overflow) = count.multipliedReportingOverflow(by: type.byteCount), !overflow else {
            throw .invalidData("\(name): IDX dimensions \(shape) are absurdly large (have \(available) data bytes)")
        }
        guard size <= available else {
            throw .invalidData("\(name): truncated IDX data: dimensions \(shape) of \(type.rawValue) need \(size) bytes, have \(available)")
        }
        guard size == available else {
            throw .invalidData("\(name): \(available - size) unexpected bytes after the IDX data (dimensions \(shape))")
        }
        self.type = type
        self.dimensions = dimensions
        bytes.removeFirst(headerSize)
        self.data = bytes
    }

    /// Reads and parses an IDX file, plain or gzip-compressed.
    public init(path: String, maxOutputSize: Int = Inflate.defaultMaxOutputSize) throws(CondenseError) {
        let bytes = [UInt8](try readInputFile(path, what: "IDX file"))
        try self.init(bytes: bytes, name: path, maxOutputSize: maxOutputSize)
    }

    /// Every element as a Float, multiplied by `scale`.
    public func floats(scale: Float = 1) -> [Float] {
        data.withUnsafeBytes { RawElements(bytes: $0, type: type, bigEndian: true).floats(scale: scale) }
    }

    /// Every element as an Int; refuses non-integral floats.
    public func integers() throws(CondenseError) -> [Int] {
        let result = data.withUnsafeBytes { RawElements(bytes: $0, type: type, bigEndian: true).integers() }
        switch result {
        case .success(let values): return values
        case .failure(let bad): throw .invalidData("IDX element \(bad.index) is \(bad.value), not an integer")
        }
    }

    private static func magic(_ bytes: [UInt8]) -> UInt32 {
        bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
