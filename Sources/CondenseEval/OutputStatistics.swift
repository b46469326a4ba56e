import CondenseCore

/// Summary statistics of a batch of outputs (all entries pooled).
public struct OutputStatistics: Codable, Hashable, Sendable {
    public var min: Float
    public var max: Float
    public var mean: Double
    public var std: Double

    /// One pass over the values: O(n).
    public init(_ outputs: Matrix) {
        var lo = Float.infinity, hi = -Float.infinity
        var sum = 0.0, sumSquares = 0.0
        for v in outputs.values {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
            sum += Double(v)
            sumSquares += Double(v) * Double(v)
        }
        let n = Double(Swift.max(1, outputs.values.count))
        min = outputs.values.isEmpty ? 0 : lo
        max = outputs.values.isEmpty ? 0 : hi
        mean = sum / n
        std = (Swift.max(0, sumSquares / n - mean * mean)).squareRoot()
    }
}

extension Matrix {
    /// Index of the largest entry of each row (first one on ties).
    public var argmaxRows: [Int] {
        (0..<rows).map { r in
            var best = 0
            var bestValue = -Float.infinity
            for c in 0..<columns where values[r * columns + c] > bestValue {
                best = c
                bestValue = values[r * columns + c]
            }
            return best
        }
    }

    /// Largest absolute difference to `other` (same shape).
    public func maxAbsDifference(_ other: Matrix) -> Float {
        precondition(rows == other.rows && columns == other.columns, "shapes differ")
        var m: Float = 0
        for i in values.indices { m = Swift.max(m, abs(values[i] - other.values[i])) }
        return m
    }

    /// Rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: columns, values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }
}
