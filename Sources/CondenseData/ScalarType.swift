/// The element type of an array read from an IDX or NumPy file.
public enum ScalarType: String, Sendable, Hashable, CaseIterable {
    case bool, uint8, int8, uint16, int16, uint32, int32, uint64, int64, float32, float64

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .bool, .uint8, .int8: return 1
        case .uint16, .int16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64: return 8
        }
    }

    /// Whether the values are integers (booleans count as the integers 0 and 1).
    public var isInteger: Bool { self != .float32 && self != .float64 }
}

/// Multiplies `count` non-negative factors, or returns nil on overflow or a negative factor.
func checkedProduct(_ factors: [Int]) -> Int? {
    var product = 1
    for f in factors {
        guard f >= 0 else { return nil }
        let (p, overflow) = product.multipliedReportingOverflow(by: f)
        if overflow { return nil }
        product = p
    }
    return product
}

/// Raw array elements: `count` values of `type` stored in `bytes` with the given byte order.
///
/// Conversions read the bytes in place; nothing is copied until the result array is built.
struct RawElements {
    let bytes: UnsafeRawBufferPointer
    let type: ScalarType
    let bigEndian: Bool

    var count: Int { bytes.count / type.byteCount }

    /// The value at `i` as a Double (exact for every integer below 2^53 and both float types).
    @inline(__always)
    func double(at i: Int) -> Double {
        let offset = i * type.byteCount
        switch type {
        case .bool, .uint8: return Double(bytes[offset])
        case .int8: return Double(Int8(bitPattern: bytes[offset]))
        case .uint16: return Double(load(UInt16.self, offset))
        case .int16: return Double(Int16(bitPattern: load(UInt16.self, offset)))
        case .uint32: return Double(load(UInt32.self, offset))
        case .int32: return Double(Int32(bitPattern: load(UInt32.self, offset)))
        case .uint64: return Double(load(UInt64.self, offset))
        case .int64: return Double(Int64(bitPattern: load(UInt64.self, offset)))
        case .float32: return Double(Float(bitPattern: load(UInt32.self, offset)))
        case .float64: return Double(bitPattern: load(UInt64.self, offset))
        }
    }

    /// The value at `i` as an Int, or nil if it is not an integer that fits.
    func integer(at i: Int) -> Int? {
        let offset = i * type.byteCount
        switch type {
        case .uint64:
            let v = load(UInt64.self, offset)
            return v <= UInt64(Int.max) ? Int(v) : nil
        case .int64: return Int(Int64(bitPattern: load(UInt64.self, offset)))
        case .float32, .float64:
            let d = double(at: i)
            guard d.isFinite, d == d.rounded(), abs(d) < 9.0e15 else { return nil }
            return Int(d)
        default: return Int(double(at: i))
        }
    }

    @inline(__always)
    private func load<T: FixedWidthInteger>(_: T.Type, _ offset: Int) -> T {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
    }

    /// Every value as a Float: `raw * scale`, or `raw / divisor` when `divisor` is given
    /// (so that `x/255` matches NumPy's `x.astype(float32) / 255` bit for bit).
    func floats(scale: Float = 1, divisor: Float? = nil) -> [Float] {
        let n = count
        return [Float](unsafeUninitializedCapacity: n) { out, initialized in
            if type == .uint8 || type == .bool {
                // The common case (images): a lookup table of the 256 possible results.
                var table = [Float](repeating: 0, count: 256)
                for v in 0..<256 { table[v] = divisor.map { Float(v) / $0 } ?? Float(v) * scale }
                table.withUnsafeBufferPointer { t in
                    for i in 0..<n { out[i] = t[Int(bytes[i])] }
                }
            } else if type == .float32 && !bigEndian && divisor == nil && scale == 1 {
                for i in 0..<n {
                    out[i] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
                }
            } else {
                for i in 0..<n {
                    let v = Float(double(at: i))
                    out[i] = divisor.map { v / $0 } ?? v * scale
                }
            }
            initialized = n
        }
    }

    /// Every value as an Int, or the index of the first value that is not an integer.
    func integers() -> Result<[Int], NonIntegerElement> {
        var result = [Int]()
        result.reserveCapacity(count)
        for i in 0..<count {
            guard let v = integer(at: i) else { return .failure(NonIntegerElement(index: i, value: double(at: i))) }
            result.append(v)
        }
        return .success(result)
    }
}

/// The first element of an array that is not an integer.
struct NonIntegerElement: Error {
    let index: Int
    let value: Double
}
