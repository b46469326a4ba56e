/// A dense row-major matrix of `Float`: the storage of a weight block or a batch.
public struct Matrix: Hashable, Sendable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    /// Row-major values, `rows * columns` of them.
    public var values: [Float]

    /// A `rows x columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "negative matrix size")
        self.rows = rows
        self.columns = columns
        self.values = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major values; `values.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "matrix values do not match its shape")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// One row as an array.
    public func row(_ r: Int) -> ArraySlice<Float> { values[(r * columns)..<((r + 1) * columns)] }

    /// The rows in `range`, as a new matrix. O(range · columns).
    public func rowSlice(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: columns, values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }

    /// One column as an array.
    public func column(_ c: Int) -> [Float] { (0..<rows).map { values[$0 * columns + c] } }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for r in 0..<rows { for c in 0..<columns { t.values[c * rows + r] = values[r * columns + c] } }
        return t
    }

    /// Keeps the rows at `kept` (in that order; the mini-batches of training). O(kept · columns).
    public func selectingRows(_ kept: [Int]) -> Matrix {
        var out = Matrix(rows: kept.count, columns: columns)
        guard columns > 0, !kept.isEmpty else { return out }
        values.withUnsafeBufferPointer { source in
            out.values.withUnsafeMutableBufferPointer { target in
                for (i, r) in kept.enumerated() {
                    (target.baseAddress! + i * columns).update(from: source.baseAddress! + r * columns, count: columns)
                }
            }
        }
        return out
    }

    /// Keeps the columns at `kept` (in that order).
    public func selectingColumns(_ kept: [Int]) -> Matrix {
        var out = Matrix(rows: rows, columns: kept.count)
        for r in 0..<rows { for (j, c) in kept.enumerated() { out.values[r * kept.count + j] = values[r * columns + c] } }
        return out
    }

    /// Appends a zero column and returns its index.
    @discardableResult
    public mutating func appendZeroColumns(_ count: Int) -> Int {
        let newColumns = columns + count
        var grown = [Float](repeating: 0, count: rows * newColumns)
        for r in 0..<rows { for c in 0..<columns { grown[r * newColumns + c] = values[r * columns + c] } }
        values = grown
        columns = newColumns
        return newColumns - count
    }

    /// Number of entries that are not zero.
    public var nonzeroCount: Int { values.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// Largest absolute entry.
    public var maxAbs: Float { values.reduce(0) { max($0, abs($1)) } }
}
