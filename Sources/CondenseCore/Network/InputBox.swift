/// A box of inputs, `[lower[i], upper[i]]` per feature: the domain on which exact
/// collapse proves that the function does not change.
public struct InputBox: Hashable, Sendable, Codable {
    public var lower: [Float]
    public var upper: [Float]

    /// A box with per-feature bounds; refused when the widths differ, a bound is not finite or lower > upper.
    public init(lower: [Float], upper: [Float]) throws(CondenseError) {
        guard lower.count == upper.count else {
            throw .invalidArgument("the box has \(lower.count) lower and \(upper.count) upper bounds")
        }
        for i in lower.indices where !(lower[i].isFinite && upper[i].isFinite && lower[i] <= upper[i]) {
            throw .invalidArgument("the box side of feature \(i) is [\(lower[i]), \(upper[i])]; it must be finite with lower <= upper")
        }
        self.lower = lower
        self.upper = upper
    }

    /// The cube `range^width`.
    public init(uniform range: ClosedRange<Float>, width: Int) {
        lower = [Float](repeating: range.lowerBound, count: width)
        upper = [Float](repeating: range.upperBound, count: width)
    }

    public var width: Int { lower.count }

    /// The smallest and largest bound over all features.
    public var hull: ClosedRange<Float> {
        guard let lo = lower.min(), let hi = upper.max() else { return 0...0 }
        return lo...hi
    }

    /// `range` when every feature has the same side.
    public var uniformRange: ClosedRange<Float>? {
        guard let lo = lower.first, let hi = upper.first,
              lower.allSatisfy({ $0 == lo }), upper.allSatisfy({ $0 == hi }) else { return nil }
        return lo...hi
    }

    /// A short description: `[lo, hi]^d` for a cube, else the ranges of the bounds.
    public var summary: String {
        if let r = uniformRange { return "[\(r.lowerBound), \(r.upperBound)]^\(width)" }
        let lo = lower.min() ?? 0, hi = upper.max() ?? 0
        return "a box of \(width) sides within [\(lo), \(hi)]"
    }
}

extension InputBox {
    enum CodingKeys: String, CodingKey { case width, lower, upper }

    /// A cube is written as `{"width": d, "lower": lo, "upper": hi}`, any other box with arrays.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(width, forKey: .width)
        if let r = uniformRange {
            try c.encode(r.lowerBound, forKey: .lower)
            try c.encode(r.upperBound, forKey: .upper)
        } else {
            try c.encode(lower, forKey: .lower)
            try c.encode(upper, forKey: .upper)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let width = try c.decode(Int.self, forKey: .width)
        if let lo = try? c.decode(Float.self, forKey: .lower), let hi = try? c.decode(Float.self, forKey: .upper) {
            self.init(uniform: lo...hi, width: width)
        } else {
            try self.init(lower: try c.decode([Float].self, forKey: .lower), upper: try c.decode([Float].self, forKey: .upper))
        }
    }
}
