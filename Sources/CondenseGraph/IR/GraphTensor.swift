import CondenseCore

/// A tensor value of the graph IR: a shape and its elements in row-major order.
///
/// Float types (float32, float64, float16) are held as `Float`; every integer type and
/// `bool` as `Int64`; strings as `String`. ``elementType`` keeps the ONNX type so that
/// `Cast`, `ArgMax` and the graph's outputs report what ONNX Runtime reports.
public struct GraphTensor: Sendable, Equatable {
    /// The elements, by storage kind.
    public enum Storage: Sendable, Equatable {
        case float([Float])
        case int64([Int64])
        case string([String])
    }

    public var shape: [Int]
    public var storage: Storage
    public var elementType: ElementType

    public init(shape: [Int], floats: [Float], elementType: ElementType = .float) {
        self.shape = shape
        storage = .float(floats)
        self.elementType = elementType
    }

    public init(shape: [Int], ints: [Int64], elementType: ElementType = .int64) {
        self.shape = shape
        storage = .int64(ints)
        self.elementType = elementType
    }

    public init(shape: [Int], strings: [String]) {
        self.shape = shape
        storage = .string(strings)
        elementType = .string
    }

    /// A float tensor of shape `[rows, columns]` holding `matrix`.
    public init(_ matrix: Matrix) {
        self.init(shape: [matrix.rows, matrix.columns], floats: matrix.values)
    }

    /// The number of elements the shape declares.
    public var count: Int { shape.reduce(1, *) }
    public var rank: Int { shape.count }

    /// The float elements, or an error naming `what` when the tensor holds integers or strings.
    public func floats(_ what: @autoclosure () -> String) throws(CondenseError) -> [Float] {
        switch storage {
        case .float(let v): return v
        case .int64(let v): return v.map { Float($0) }
        case .string: throw .invalidModel("\(what()) is a string tensor where numbers are needed")
        }
    }

    /// The integer elements (shape tensors, indices), or an error naming `what`.
    public func ints(_ what: @autoclosure () -> String) throws(CondenseError) -> [Int64] {
        switch storage {
        case .int64(let v): return v
        case .float, .string:
            throw .invalidModel("\(what()) must be an integer tensor, got \(elementType)")
        }
    }

    /// The tensor as a matrix: the first axis is the rows, the others are flattened.
    public func matrix(_ what: @autoclosure () -> String) throws(CondenseError) -> Matrix {
        let v = try floats(what())
        let rows = shape.first ?? 1
        let columns = rows == 0 ? 0 : v.count / max(rows, 1)
        return Matrix(rows: rows, columns: columns, values: v)
    }

    /// The same elements under another shape of the same size.
    public func reshaped(_ newShape: [Int]) -> GraphTensor {
        var t = self
        t.shape = newShape
        return t
    }

    /// Whether the elements are held as `Float` (a floating-point element type).
    public var isFloat: Bool { if case .float = storage { return true } else { return false } }
}

/// ONNX element types (`TensorProto.DataType`), by their ONNX codes.
public enum ElementType: Int32, Sendable, CustomStringConvertible, Codable {
    case float = 1, uint8 = 2, int8 = 3, uint16 = 4, int16 = 5, int32 = 6, int64 = 7, string = 8, bool = 9
    case float16 = 10, double = 11, uint32 = 12, uint64 = 13, bfloat16 = 16

    /// Held as `Float` in a ``GraphTensor``.
    public var isFloatingPoint: Bool { [.float, .float16, .double, .bfloat16].contains(self) }

    public var description: String {
        switch self {
        case .float: return "float32"
        case .uint8: return "uint8"
        case .int8: return "int8"
        case .uint16: return "uint16"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .string: return "string"
        case .bool: return "bool"
        case .float16: return "float16"
        case .double: return "float64"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .bfloat16: return "bfloat16"
        }
    }
}
