import CondenseCore
import Foundation

/// Element types Condense reads from ONNX tensors (`TensorProto.DataType`).
enum TensorElementType: Int32, Sendable {
    case float = 1
    case int32 = 6
    case int64 = 7
    case double = 11

    var byteWidth: Int {
        switch self {
        case .float, .int32: return 4
        case .int64, .double: return 8
        }
    }
}

/// The largest tensor Condense will decode: 2^31 elements (8 GiB of doubles).
let maximumTensorElements = 1 << 31

extension Onnx_TensorProto {
    /// The element count its dims declare, checked for negative dims and overflow.
    func declaredElementCount() throws(CondenseError) -> Int {
        var count = 1
        for d in dims {
            guard d >= 0 else { throw .invalidModel("tensor '\(name)' has a negative dimension \(d)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(d))
            guard !overflow, product <= maximumTensorElements else {
                throw .invalidModel("tensor '\(name)' has an absurd declared size \(dims) (over \(maximumTensorElements) elements)")
            }
            count = product
        }
        return count
    }

    /// The values as `Float`, from `raw_data` (little-endian) or the typed fields,
    /// refusing sizes that disagree with `dims` before allocating anything.
    func floatValues() throws(CondenseError) -> [Float] {
        guard dataLocation != .external else {
            throw .invalidModel("tensor '\(name)' keeps its data in an external file, which Condense does not read")
        }
        let count = try declaredElementCount()
        guard let type = TensorElementType(rawValue: dataType) else {
            throw .invalidModel("tensor '\(name)' has element type \(dataType); Condense reads float32, float64, int32 and int64")
        }
        if !rawData.isEmpty {
            guard rawData.count == count * type.byteWidth else {
                throw .invalidModel(
                    "tensor '\(name)' declares dims \(dims) (\(count) elements) but its raw_data holds \(rawData.count) bytes")
            }
            return rawData.withUnsafeBytes { buffer -> [Float] in
                switch type {
                case .float: return (0..<count).map { Float(bitPattern: UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
                case .double: return (0..<count).map { Float(Double(bitPattern: UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)))) }
                case .int32: return (0..<count).map { Float(Int32(littleEndian: buffer.loadUnaligned(fromByteOffset: 4 * $0, as: Int32.self))) }
                case .int64: return (0..<count).map { Float(Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self))) }
                }
            }
        }
        let typed: [Float]
        switch type {
        case .float: typed = floatData
        case .double: typed = doubleData.map { Float($0) }
        case .int32: typed = int32Data.map { Float($0) }
        case .int64: typed = int64Data.map { Float($0) }
        }
        guard typed.count == count else {
            throw .invalidModel("tensor '\(name)' declares dims \(dims) (\(count) elements) but holds \(typed.count) values")
        }
        return typed
    }

    /// The values as `Int64` (for shape tensors such as Reshape's target shape).
    func int64Values() throws(CondenseError) -> [Int64] {
        let count = try declaredElementCount()
        if dataType == TensorElementType.int64.rawValue {
            if !rawData.isEmpty {
                guard rawData.count == count * 8 else { throw .invalidModel("tensor '\(name)' has a raw_data size that disagrees with its dims") }
                return rawData.withUnsafeBytes { b in (0..<count).map { Int64(littleEndian: b.loadUnaligned(fromByteOffset: 8 * $0, as: Int64.self)) } }
            }
            guard int64Data.count == count else { throw .invalidModel("tensor '\(name)' holds \(int64Data.count) values for dims \(dims)") }
            return int64Data
        }
        return try floatValues().map { Int64($0) }
    }

    /// A float tensor (float32 or float64 as `elementType` says) holding `values` with `dims`.
    static func make(name: String, dims: [Int], values: [Float], elementType: TensorElementType) -> Onnx_TensorProto {
        var t = Onnx_TensorProto()
        t.name = name
        t.dims = dims.map { Int64($0) }
        t.dataType = elementType.rawValue
        var raw = Data(capacity: values.count * elementType.byteWidth)
        switch elementType {
        case .double:
            for v in values { withUnsafeBytes(of: Double(v).bitPattern.littleEndian) { raw.append(contentsOf: $0) } }
        default:
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { raw.append(contentsOf: $0) } }
        }
        t.rawData = raw
        return t
    }
}
