import CondenseCore

/// An array in NumPy's `.npy` format, versions 1.0, 2.0 and 3.0
/// (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length
/// (UInt16 little-endian in version 1, UInt32 in versions 2 and 3), then a Python dict
/// literal with `descr` (the dtype, e.g. `'<f4'`), `fortran_order` and `shape`, padded
/// with spaces and a newline; then the raw elements.
///
/// Supported dtypes: `f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1`, either byte order.
/// Fortran-ordered arrays are transposed into C order when read; big-endian elements
/// are byte-swapped, so ``data`` is always little-endian and row-major.
public struct NPYFile: Sendable, Hashable {
    /// The element type.
    public var type: ScalarType
    /// The shape, outermost dimension first (empty for a scalar).
    public var shape: [Int]
    /// The elements: row-major (C order), little-endian.
    public var data: [UInt8]

    /// The number of elements.
    public var count: Int { data.count / type.byteCount }

    /// The magic bytes `\x93NUMPY`.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// Whether `bytes` start with the `.npy` magic bytes.
    public static func isNPY(_ bytes: some Collection<UInt8>) -> Bool { Array(bytes.prefix(6)) == magic }

    /// Parses a `.npy` file from its bytes.
    /// - Parameter name: the file's name, for error messages.
    public init(bytes: [UInt8], name: String = "npy file") throws(CondenseError) {
        guard Self.isNPY(bytes) else { throw .invalidData("\(name): not a .npy file (missing magic \\x93NUMPY)") }
        guard bytes.count >= 10 else { throw .invalidData("\(name): truncated .npy header") }
        let major = bytes[6]
        let headerStart: Int
        let headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw .invalidData("\(name): truncated .npy header") }
            headerStart = 12
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default:
            throw .invalidData("\(name): unsupported .npy version \(major).\(bytes[7]) (1.0, 2.0 and 3.0 are known)")
        }
        guard headerLength <= bytes.count - headerStart else {
            throw .invalidData("\(name): truncated .npy header (declares \(headerLength) bytes)")
        }
        let headerBytes = bytes[headerStart..<(headerStart + headerLength)]
        let header = major == 3 ? String(decoding: headerBytes, as: UTF8.self)
            : String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))

        let fields: [String: PythonLiteral]
        do throws(PythonLiteral.ParseError) {
            guard case .dict(let pairs) = try PythonLiteral.parse(header) else {
                throw PythonLiteral.ParseError(reason: "the header is not a dict")
            }
            fields = Dictionary(pairs, uniquingKeysWith: { _, last in last })
        } catch {
            throw .invalidData("\(name): bad .npy header (\(error.reason)): \(header.split(separator: "\n").first ?? "")")
        }

        guard case .string(let descr)? = fields["descr"] else {
            throw .invalidData("\(name): .npy header has no string 'descr' (structured dtypes are not supported)")
        }
        guard let (type, bigEndian) = Self.parseDescr(descr) else {
            throw .invalidData(
                "\(name): unsupported dtype '\(descr)' (supported: f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1)")
        }
        guard case .bool(let fortranOrder)? = fields["fortran_order"] else {
            throw .invalidData("\(name): .npy header has no boolean 'fortran_order'")
        }
        guard case .tuple(let items)? = fields["shape"] else {
            throw .invalidData("\(name): .npy header has no tuple 'shape'")
        }
        var shape: [Int] = []
        for item in items {
            guard case .int(let d) = item, d >= 0 else {
                throw .invalidData("\(name): .npy shape must hold non-negative integers")
            }
            shape.append(d)
        }

        let dataStart = headerStart + headerLength
        let available = bytes.count - dataStart
        let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        guard let count = checkedProduct(shape),
              case let (size, overflow) = count.multipliedReportingOverflow(by: type.byteCount), !overflow else {
            throw .invalidData("\(name): .npy shape \(shapeText) is absurdly large (have \(available) data bytes)")
        }
        guard size <= available else {
            throw .invalidData("\(name): truncated .npy data: shape \(shapeText) of '\(descr)' needs \(size) bytes, have \(available)")
        }
        guard size == available else {
            throw .invalidData("\(name): \(available - size) unexpected bytes after the .npy data")
        }

        var data = Array(bytes[dataStart...])
        if bigEndian && type.byteCount > 1 { Self.swapBytes(&data, width: type.byteCount) }
        if fortranOrder && shape.count > 1 { data = Self.fortranToC(data, shape: shape, width: type.byteCount) }
        self.type = type
        self.shape = shape
        self.data = data
    }

    /// Reads and parses a `.npy` file (gzip-compressed too, detected by its magic bytes).
    public init(path: String, maxOutputSize: Int = Inflate.defaultMaxOutputSize) throws(CondenseError) {
        var bytes = [UInt8](try readInputFile(path, what: "npy file"))
        if Gzip.isGzip(bytes) { bytes = try Gzip.decompress(bytes, maxOutputSize: maxOutputSize) }
        try self.init(bytes: bytes, name: path)
    }

    /// Every element as a Float, multiplied by `scale`.
    public func floats(scale: Float = 1) -> [Float] {
        data.withUnsafeBytes { RawElements(bytes: $0, type: type, bigEndian: false).floats(scale: scale) }
    }

    /// Every element as an Int; refuses non-integral floats.
    public func integers() throws(CondenseError) -> [Int] {
        let result = data.withUnsafeBytes { RawElements(bytes: $0, type: type, bigEndian: false).integers() }
        switch result {
        case .success(let values): return values
        case .failure(let bad): throw .invalidData("npy element \(bad.index) is \(bad.value), not an integer")
        }
    }

    /// The element type and byte order of a dtype string such as `<f4` or `|u1`.
    static func parseDescr(_ descr: String) -> (ScalarType, bigEndian: Bool)? {
        var chars = Substring(descr)
        var bigEndian = false
        if let order = chars.first, "<>|=".contains(order) {
            bigEndian = order == ">"
            chars = chars.dropFirst()
        }
        guard let kind = chars.first, let size = Int(chars.dropFirst()) else { return nil }
        let type: ScalarType
        switch (kind, size) {
        case ("f", 4): type = .float32
        case ("f", 8): type = .float64
        case ("i", 1): type = .int8
        case ("i", 2): type = .int16
        case ("i", 4): type = .int32
        case ("i", 8): type = .int64
        case ("u", 1): type = .uint8
        case ("u", 2): type = .uint16
        case ("u", 4): type = .uint32
        case ("u", 8): type = .uint64
        case ("b", 1): type = .bool
        default: return nil
        }
        return (type, bigEndian)
    }

    private static func swapBytes(_ data: inout [UInt8], width: Int) {
        data.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i + width <= p.count {
                var lo = i, hi = i + width - 1
                while lo < hi {
                    p.swapAt(lo, hi)
                    lo += 1
                    hi -= 1
                }
                i += width
            }
        }
    }

    /// Reorders column-major (Fortran) elements into row-major (C) order.
    static func fortranToC(_ data: [UInt8], shape: [Int], width: Int) -> [UInt8] {
        let count = data.count / width
        guard count > 0 else { return data }
        // Fortran strides: the first index is contiguous.
        var strides = [Int](repeating: 1, count: shape.count)
        for k in 1..<shape.count { strides[k] = strides[k - 1] * shape[k - 1] }
        var out = [UInt8](repeating: 0, count: data.count)
        var index = [Int](repeating: 0, count: shape.count)
        var source = 0
        for element in 0..<count {
            for b in 0..<width { out[element * width + b] = data[source * width + b] }
            // Advance the C-order index, last dimension fastest.
            var k = shape.count - 1
            while k >= 0 {
                index[k] += 1
                source += strides[k]
                if index[k] < shape[k] { break }
                source -= strides[k] * shape[k]
                index[k] = 0
                k -= 1
            }
        }
        return out
    }
}
