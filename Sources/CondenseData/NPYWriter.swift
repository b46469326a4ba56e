import CondenseCore
import Foundation

/// Writes Float32 arrays as NumPy `.npy` files (format version 1.0, or 2.0 for a header
/// longer than 65535 bytes), readable with `np.load` for cross-checks in Python.
public enum NPYWriter {
    /// The `.npy` bytes of a matrix: dtype `<f4`, C order, shape `(rows, columns)`.
    public static func encode(_ matrix: Matrix) -> [UInt8] {
        encode(matrix.values, shape: [matrix.rows, matrix.columns])
    }

    /// The `.npy` bytes of `values` with the given shape (its product must be `values.count`).
    public static func encode(_ values: [Float], shape: [Int]) -> [UInt8] {
        precondition(checkedProduct(shape) == values.count, "NPYWriter: shape does not match the value count")
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = Array("{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }".utf8)
        // Pad with spaces and a final newline so the data starts on a 64-byte boundary.
        var prefixLength = 10
        if header.count + 1 + 10 > 65535 + 10 { prefixLength = 12 }
        let padding = (64 - (prefixLength + header.count + 1) % 64) % 64
        header += [UInt8](repeating: 0x20, count: padding) + [0x0A]

        var out = NPYFile.magic
        out.reserveCapacity(prefixLength + header.count + 4 * values.count)
        if prefixLength == 10 {
            out += [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
        } else {
            let n = UInt32(header.count)
            out += [2, 0, UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8(n >> 24)]
        }
        out += header
        values.withUnsafeBufferPointer { p in
            for v in p {
                let bits = v.bitPattern
                out.append(UInt8(bits & 0xFF))
                out.append(UInt8((bits >> 8) & 0xFF))
                out.append(UInt8((bits >> 16) & 0xFF))
                out.append(UInt8(bits >> 24))
            }
        }
        return out
    }

    /// Writes `matrix` to `path` as a `.npy` file, atomically.
    public static func write(_ matrix: Matrix, to path: String) throws(CondenseError) {
        try AtomicFile.write(Data(encode(matrix)), to: path)
    }
}
