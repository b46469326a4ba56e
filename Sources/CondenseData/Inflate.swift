import CondenseCore

/// A DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Decoding is table-driven (two-level Huffman tables, a 64-bit bit buffer refilled
/// eight bytes at a time) and fully checked: every malformed stream ends in
/// ``CondenseError/invalidData(_:)`` with a one-line reason, never a crash or a hang,
/// and the output may not grow past a stated maximum (a guard against "zip bombs":
/// DEFLATE can expand data about 1000-fold).
public enum Inflate {
    /// The default maximum output size: 1 GiB.
    public static let defaultMaxOutputSize = 1 << 30

    /// Decompresses the raw DEFLATE stream `bytes` (no zlib or gzip wrapper).
    ///
    /// Bytes after the end of the final block are refused.
    /// - Parameter maxOutputSize: the largest output accepted; a stream that would
    ///   produce more is refused.
    public static func decompress(
        _ bytes: [UInt8], maxOutputSize: Int = defaultMaxOutputSize
    ) throws(CondenseError) -> [UInt8] {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(CondenseError) in try decompressPrefix(raw, maxOutputSize: maxOutputSize) }
        }
        let (output, consumed) = try result.get()
        if consumed != bytes.count {
            throw .invalidData("DEFLATE: \(bytes.count - consumed) bytes after the end of the stream")
        }
        return output
    }

    /// Decompresses the raw DEFLATE stream at the start of `input`, which may be followed
    /// by other data (as in gzip and ZIP).
    ///
    /// - Parameters:
    ///   - maxOutputSize: the largest output accepted.
    ///   - sizeHint: the expected output size, if known; it only sets the initial allocation.
    /// - Returns: the decompressed bytes and the number of input bytes the stream occupies.
    public static func decompressPrefix(
        _ input: UnsafeRawBufferPointer, maxOutputSize: Int = defaultMaxOutputSize, sizeHint: Int? = nil
    ) throws(CondenseError) -> (output: [UInt8], consumed: Int) {
        guard let base = input.baseAddress, !input.isEmpty else {
            throw .invalidData("DEFLATE: truncated stream (no data)")
        }
        guard maxOutputSize >= 0 else { throw .invalidArgument("DEFLATE: negative maximum output size") }
        // DEFLATE expands at most 1032-fold; cap the initial allocation accordingly.
        let plausible = input.count > Int.max / 1100 ? Int.max : input.count * 1032 + 1024
        // Without a hint, start small: `input` may hold much more than this stream.
        let initial = min(max(sizeHint ?? min(input.count * 4, 1 << 18), 1024), maxOutputSize, plausible)
        var inflater = Inflater(
            input: base.assumingMemoryBound(to: UInt8.self), count: input.count,
            maxOutputSize: maxOutputSize, initialCapacity: initial)
        try inflater.run()
        return (inflater.output(), inflater.consumedBytes)
    }
}

/// The state of one DEFLATE decoding: input cursor, bit buffer, output buffer, tables.
struct Inflater: ~Copyable {
    private let input: UnsafePointer<UInt8>
    private let inputCount: Int
    private var position = 0

    /// Unconsumed bits, least significant first. Bits above `bitCount` are either zero or
    /// copies of the low bits of `input[position]`.
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    /// Zero bits appended after the end of the input; consuming any of them means the
    /// stream is truncated.
    private var paddingBits = 0

    private var buffer: UnsafeMutablePointer<UInt8>
    private var outputCount = 0
    private var outputCapacity: Int
    private let maxOutputSize: Int

    private var literalLength = HuffmanTable(maxSymbols: 288, maxPrimaryBits: 10)
    private var distance = HuffmanTable(maxSymbols: 32, maxPrimaryBits: 8)
    private var codeLength = HuffmanTable(maxSymbols: 19, maxPrimaryBits: 7)
    private var tablesAreFixed = false

    init(input: UnsafePointer<UInt8>, count: Int, maxOutputSize: Int, initialCapacity: Int) {
        self.input = input
        self.inputCount = count
        self.maxOutputSize = maxOutputSize
        outputCapacity = max(initialCapacity, 1)
        buffer = .allocate(capacity: outputCapacity)
    }

    deinit { buffer.deallocate() }

    /// The decompressed bytes.
    func output() -> [UInt8] { Array(UnsafeBufferPointer(start: buffer, count: outputCount)) }

    /// Input bytes used by the stream, counting the partly used last byte.
    var consumedBytes: Int { position - (bitCount - paddingBits) / 8 }

    // MARK: Bits

    /// Ensures at least 56 bits in the buffer, appending zero padding at the end of input.
    @inline(__always)
    private mutating func refill() throws(CondenseError) {
        if bitCount >= 56 { return }
        if inputCount - position >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(input + position).loadUnaligned(as: UInt64.self))
            bitBuffer |= word &<< UInt64(bitCount)
            position += (63 - bitCount) >> 3
            bitCount |= 56
        } else {
            try slowRefill()
        }
    }

    private mutating func slowRefill() throws(CondenseError) {
        while bitCount <= 56 {
            if position < inputCount {
                bitBuffer |= UInt64(input[position]) &<< UInt64(bitCount)
                position += 1
            } else {
                if bitCount < paddingBits { throw truncated() }
                paddingBits += 8
            }
            bitCount += 8
        }
    }

    /// Reads `n` bits (n <= 32), least significant first.
    @inline(__always)
    private mutating func bits(_ n: Int) throws(CondenseError) -> Int {
        if bitCount < n { try refill() }
        let value = Int(truncatingIfNeeded: bitBuffer & ((1 &<< UInt64(n)) &- 1))
        bitBuffer &>>= UInt64(n)
        bitCount -= n
        return value
    }

    private func truncated() -> CondenseError { .invalidData("DEFLATE: truncated stream (unexpected end of data)") }

    // MARK: Blocks

    /// Decodes blocks until the final one.
    ///
    /// An error met after decoding into the zero padding past the end of the input is
    /// reported as truncation: the real bits alone were still a valid beginning.
    mutating func run() throws(CondenseError) {
        do {
            try decodeBlocks()
        } catch {
            if bitCount < paddingBits { throw truncated() }
            throw error
        }
    }

    /// The error for bits that match no code of an incomplete Huffman code: truncation if
    /// they reach into the padding (a longer code may have been cut short).
    private func invalidCode(_ name: String) -> CondenseError {
        if paddingBits > 0 && bitCount - paddingBits < 15 { return truncated() }
        return .invalidData("DEFLATE: invalid \(name) Huffman code")
    }

    private mutating func decodeBlocks() throws(CondenseError) {
        var final = false
        repeat {
            try refill()
            final = try bits(1) == 1
            switch try bits(2) {
            case 0:
                try storedBlock()
            case 1:
                if !tablesAreFixed { loadFixedTables() }
                try huffmanBlock()
            case 2:
                try readDynamicTables()
                try huffmanBlock()
            default:
                throw .invalidData("DEFLATE: invalid block type 3 (reserved)")
            }
            if bitCount < paddingBits { throw truncated() }
        } while !final
    }

    /// A stored block (section 3.2.4): LEN, NLEN, then LEN raw bytes from the next byte boundary.
    private mutating func storedBlock() throws(CondenseError) {
        if bitCount < paddingBits { throw truncated() }
        // Skip to the byte boundary and give back the whole bytes still in the bit buffer.
        bitCount -= bitCount & 7
        position -= (bitCount - paddingBits) / 8
        bitBuffer = 0
        bitCount = 0
        paddingBits = 0
        guard inputCount - position >= 4 else { throw truncated() }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == ~complement & 0xFFFF else {
            throw .invalidData("DEFLATE: stored block length \(length) does not match its complement")
        }
        position += 4
        guard inputCount - position >= length else { throw truncated() }
        try reserve(length)
        (buffer + outputCount).update(from: input + position, count: length)
        outputCount += length
        position += length
    }

    private mutating func loadFixedTables() {
        literalLength.load(HuffmanEntry.fixedTables.literal)
        distance.load(HuffmanEntry.fixedTables.distance)
        tablesAreFixed = true
    }

    /// The header of a dynamic block (section 3.2.7): the code-length code, then the
    /// literal/length and distance code lengths it encodes.
    private mutating func readDynamicTables() throws(CondenseError) {
        tablesAreFixed = false
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286 else {
            throw .invalidData("DEFLATE: dynamic block declares \(literalCount) literal/length codes (at most 286)")
        }
        guard distanceCount <= 30 else {
            throw .invalidData("DEFLATE: dynamic block declares \(distanceCount) distance codes (at most 30)")
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengthLengths[HuffmanEntry.codeLengthOrder[i]] = UInt8(try bits(3))
        }
        try codeLengthLengths.withUnsafeBufferPointer { (p) throws(CondenseError) in
            try codeLength.build(
                lengths: p.baseAddress!, count: 19, info: HuffmanEntry.codeLengthInfo,
                allowSingleCode: false, name: "code length")
        }

        let total = literalCount + distanceCount
        var lengths = [UInt8](repeating: 0, count: total)
        var i = 0
        while i < total {
            try refill()
            let entry = codeLength.entries[Int(truncatingIfNeeded: bitBuffer & codeLength.mask)]
            let used = Int(entry & 0xF)
            guard used > 0 else { throw invalidCode("code length") }
            bitBuffer &>>= UInt64(used)
            bitCount -= used
            let symbol = Int(entry >> 16)
            var repeated: UInt8 = 0
            var times = 1
            switch symbol {
            case 0..<16:
                lengths[i] = UInt8(symbol)
                i += 1
                continue
            case 16:
                guard i > 0 else { throw .invalidData("DEFLATE: code length repeat (16) with no previous length") }
                repeated = lengths[i - 1]
                times = 3 + (try bits(2))
            case 17:
                times = 3 + (try bits(3))
            default:
                times = 11 + (try bits(7))
            }
            guard times <= total - i else {
                throw .invalidData("DEFLATE: code length repeat runs past the \(total) code lengths")
            }
            for j in i..<(i + times) { lengths[j] = repeated }
            i += times
        }
        if bitCount < paddingBits { throw truncated() }
        guard lengths[256] != 0 else { throw .invalidData("DEFLATE: dynamic block has no end-of-block code") }

        try lengths.withUnsafeBufferPointer { (p) throws(CondenseError) in
            try literalLength.build(
                lengths: p.baseAddress!, count: literalCount, info: HuffmanEntry.literalLengthInfo,
                allowSingleCode: true, name: "literal/length")
            try distance.build(
                lengths: p.baseAddress! + literalCount, count: distanceCount, info: HuffmanEntry.distanceInfo,
                allowSingleCode: true, name: "distance")
        }
    }

    // MARK: Output

    /// Makes room for `count` more output bytes, refusing to pass `maxOutputSize`.
    @inline(__always)
    private mutating func reserve(_ count: Int) throws(CondenseError) {
        if count > outputCapacity - outputCount { try grow(count) }
    }

    private mutating func grow(_ count: Int) throws(CondenseError) {
        guard count <= maxOutputSize - outputCount else {
            throw .invalidData("DEFLATE: output larger than the limit of \(maxOutputSize) bytes")
        }
        let needed = outputCount + count
        let doubled = outputCapacity > Int.max / 2 ? Int.max : outputCapacity * 2
        let capacity = min(max(doubled, needed), maxOutputSize)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: buffer, count: outputCount)
        buffer.deallocate()
        buffer = grown
        outputCapacity = capacity
    }

    // MARK: Huffman data

    /// The compressed data of a fixed or dynamic block, up to its end-of-block code.
    private mutating func huffmanBlock() throws(CondenseError) {
        let literalTable = literalLength.entries
        let literalMask = literalLength.mask
        let literalBits = UInt64(literalLength.primaryBits)
        let distanceTable = distance.entries
        let distanceMask = distance.mask
        let distanceBits = UInt64(distance.primaryBits)

        while true {
            // 56 bits cover the longest length/distance pair: 15 + 5 + 15 + 13 bits.
            try refill()
            var entry = literalTable[Int(truncatingIfNeeded: bitBuffer & literalMask)]
            if (entry >> 8) & 0xF == HuffmanEntry.subtable {
                let index = (bitBuffer &>> literalBits) & ((1 &<< UInt64((entry >> 4) & 0xF)) &- 1)
                entry = literalTable[Int(entry >> 16) + Int(truncatingIfNeeded: index)]
            }
            let kind = (entry >> 8) & 0xF
            let codeBits = UInt64(entry & 0xF)
            bitBuffer &>>= codeBits
            bitCount -= Int(codeBits)

            if kind == HuffmanEntry.literal {
                if outputCount == outputCapacity { try grow(1) }
                buffer[outputCount] = UInt8(truncatingIfNeeded: entry >> 16)
                outputCount += 1
                continue
            }
            if kind == HuffmanEntry.length {
                let lengthExtra = UInt64((entry >> 4) & 0xF)
                let length = Int(entry >> 16) + Int(truncatingIfNeeded: bitBuffer & ((1 &<< lengthExtra) &- 1))
                bitBuffer &>>= lengthExtra
                bitCount -= Int(lengthExtra)

                var d = distanceTable[Int(truncatingIfNeeded: bitBuffer & distanceMask)]
                if (d >> 8) & 0xF == HuffmanEntry.subtable {
                    let index = (bitBuffer &>> distanceBits) & ((1 &<< UInt64((d >> 4) & 0xF)) &- 1)
                    d = distanceTable[Int(d >> 16) + Int(truncatingIfNeeded: index)]
                }
                let distanceCodeBits = UInt64(d & 0xF)
                bitBuffer &>>= distanceCodeBits
                guard (d >> 8) & 0xF == HuffmanEntry.distance else {
                    bitCount -= Int(distanceCodeBits)
                    if distanceCodeBits == 0 { throw invalidCode("distance") }
                    throw .invalidData("DEFLATE: invalid distance symbol (30 or 31)")
                }
                let distanceExtra = UInt64((d >> 4) & 0xF)
                let back = Int(d >> 16) + Int(truncatingIfNeeded: bitBuffer & ((1 &<< distanceExtra) &- 1))
                bitBuffer &>>= distanceExtra
                bitCount -= Int(distanceCodeBits + distanceExtra)

                guard back <= outputCount else {
                    throw .invalidData("DEFLATE: distance \(back) too far back (only \(outputCount) bytes written)")
                }
                try reserve(length)
                let destination = buffer + outputCount
                let source = destination - back
                if back >= length {
                    destination.update(from: source, count: length)
                } else if back == 1 {
                    destination.update(repeating: source.pointee, count: length)
                } else {
                    for k in 0..<length { destination[k] = source[k] }
                }
                outputCount += length
                continue
            }
            if kind == HuffmanEntry.endOfBlock { return }
            if codeBits == 0 { throw invalidCode("literal/length") }
            throw .invalidData("DEFLATE: invalid literal/length symbol (286 or 287)")
        }
    }
}
