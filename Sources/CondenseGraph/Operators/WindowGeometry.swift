import CondenseCore

/// The sliding-window geometry of `Conv`, `MaxPool` and `AveragePool` over two spatial
/// axes (a 1-D window is the 2-D case with height 1): kernel, strides, dilations, pads
/// (explicit or from `auto_pad`) and output size, as the ONNX specification defines them.
public struct WindowGeometry: Sendable, Equatable {
    public var input: [Int]
    public var kernel: [Int]
    public var strides: [Int]
    public var dilations: [Int]
    public var padsBegin: [Int]
    public var padsEnd: [Int]
    public var output: [Int]

    /// The window of `node` over spatial size `input` (one or two axes) with `kernel`.
    public init(_ node: GraphNode, input: [Int], kernel: [Int], ceilMode: Bool = false) throws(CondenseError) {
        let rank = input.count
        guard rank == 1 || rank == 2, kernel.count == rank else {
            throw node.fail("Condense runs 1-D and 2-D windows; this one has spatial shape \(input) and kernel \(kernel)")
        }
        func list(_ key: String, _ fallback: Int, count: Int) throws(CondenseError) -> [Int] {
            guard let v = try node.ints(key) else { return [Int](repeating: fallback, count: count) }
            guard v.count == count else { throw node.fail("\(key) has \(v.count) values for \(rank) spatial axes") }
            return v.map { Int($0) }
        }
        self.input = input
        self.kernel = kernel
        strides = try list("strides", 1, count: rank)
        dilations = try list("dilations", 1, count: rank)
        let pads = try list("pads", 0, count: 2 * rank)
        padsBegin = Array(pads.prefix(rank))
        padsEnd = Array(pads.suffix(rank))
        output = []
        let autoPad = try node.string("auto_pad", "NOTSET")
        for i in 0..<rank {
            let extent = (kernel[i] - 1) * dilations[i] + 1
            var out: Int
            switch autoPad {
            case "SAME_UPPER", "SAME_LOWER":
                out = (input[i] + strides[i] - 1) / strides[i]
                let total = max(0, (out - 1) * strides[i] + extent - input[i])
                let small = total / 2
                padsBegin[i] = autoPad == "SAME_UPPER" ? small : total - small
                padsEnd[i] = total - padsBegin[i]
            default:
                if autoPad == "VALID" { padsBegin[i] = 0; padsEnd[i] = 0 }
                let span = input[i] + padsBegin[i] + padsEnd[i] - extent
                guard span >= 0 else {
                    throw .shapeMismatch("node '\(node.displayName)' (\(node.opType)): a window of \(extent) does not fit spatial size \(input[i]) with pads \(padsBegin[i]),\(padsEnd[i])")
                }
                out = (ceilMode ? (span + strides[i] - 1) / strides[i] : span / strides[i]) + 1
                if ceilMode, (out - 1) * strides[i] >= input[i] + padsBegin[i] { out -= 1 }
            }
            output.append(out)
        }
        if rank == 1 {
            // View a 1-D window as 2-D with height 1.
            self.input = [1] + self.input
            self.kernel = [1] + self.kernel
            strides = [1] + strides
            dilations = [1] + dilations
            padsBegin = [0] + padsBegin
            padsEnd = [0] + padsEnd
            output = [1] + output
        }
    }

    /// For each output index along `axis` (0: rows, 1: columns), the window taps `k` that
    /// fall inside the input (`0 <= start + k·dilation < size`). O(output size).
    public func insideTaps(axis: Int) -> [Range<Int>] {
        (0..<output[axis]).map { Self.taps(start: $0 * strides[axis] - padsBegin[axis], dilations[axis], kernel[axis], 0, input[axis]) }
    }

    /// For each output index along `axis`, how many taps fall inside the padded input
    /// (what `count_include_pad` divides by). O(output size).
    public func paddedTapCounts(axis: Int) -> [Int] {
        (0..<output[axis]).map {
            Self.taps(start: $0 * strides[axis] - padsBegin[axis], dilations[axis], kernel[axis], -padsBegin[axis], input[axis] + padsEnd[axis]).count
        }
    }

    /// The window taps `k < count` with `lo <= start + k·d < hi`, as a range of k.
    static func taps(start: Int, _ d: Int, _ count: Int, _ lo: Int, _ hi: Int) -> Range<Int> {
        let a = start >= lo ? 0 : (lo - start + d - 1) / d
        let b = start >= hi ? 0 : min(count, (hi - start + d - 1) / d)
        return a < b ? a..<b : 0..<0
    }

    /// For kernel column `kj`, the output columns whose input column lies inside the image
    /// (`0 <= oj·stride − pad + kj·dilation < width`), as `first..<last`; im2col and col2im
    /// copy these and leave the rest to padding. O(1).
    package func insideColumns(kernelColumn kj: Int) -> (shift: Int, first: Int, last: Int) {
        let w = input[1], ow = output[1], sw = strides[1]
        let shift = kj * dilations[1] - padsBegin[1]
        let first = shift >= 0 ? 0 : min(ow, (-shift + sw - 1) / sw)
        let last = w - shift <= 0 ? 0 : min(ow, (w - shift + sw - 1) / sw)
        return (shift, first, last)
    }
}
