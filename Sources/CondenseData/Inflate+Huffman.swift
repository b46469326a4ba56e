import CondenseCore

/// A canonical Huffman code (RFC 1951, section 3.2.2) as a two-level lookup table.
///
/// The primary table is indexed by the next `primaryBits` bits of the stream (DEFLATE
/// packs Huffman codes starting with their most significant bit, so the table is indexed
/// by bit-reversed codes). Codes longer than `primaryBits` go through a link entry to a
/// subtable indexed by the following bits. Each 32-bit entry holds:
///
/// - bits 0-3: the code length in bits (for a link: `primaryBits`);
/// - bits 4-7: the number of extra bits that follow the code (for a link: the subtable's index bits);
/// - bits 8-11: the kind of symbol (``HuffmanEntry``);
/// - bits 16-31: the payload: a literal byte, a length or distance base, or a subtable offset.
///
/// The memory is allocated once and reused for every block.
struct HuffmanTable: ~Copyable {
    let entries: UnsafeMutablePointer<UInt32>
    private let capacity: Int
    private let maxSymbols: Int
    private let maxPrimaryBits: Int
    /// Bit-reversed code of each symbol while building.
    private let codes: UnsafeMutablePointer<UInt16>
    /// Index bits of the subtable behind each primary entry while building.
    private let subtableBits: UnsafeMutablePointer<UInt8>
    private(set) var primaryBits = 0
    private(set) var mask: UInt64 = 0

    init(maxSymbols: Int, maxPrimaryBits: Int) {
        self.maxSymbols = maxSymbols
        self.maxPrimaryBits = maxPrimaryBits
        // Every subtable holds at most 2^(15 - primary) entries and there are fewer
        // subtables than symbols.
        capacity = (1 << maxPrimaryBits) + maxSymbols << (15 - maxPrimaryBits)
        // Not zeroed here: `build` initializes the part it uses.
        entries = .allocate(capacity: capacity)
        entries.initialize(to: 0)
        codes = .allocate(capacity: maxSymbols)
        codes.initialize(repeating: 0, count: maxSymbols)
        subtableBits = .allocate(capacity: 1 << maxPrimaryBits)
        subtableBits.initialize(repeating: 0, count: 1 << maxPrimaryBits)
    }

    deinit {
        entries.deallocate()
        codes.deallocate()
        subtableBits.deallocate()
    }

    /// Copies a table built earlier (see ``snapshot``).
    mutating func load(_ snapshot: (entries: [UInt32], primaryBits: Int)) {
        precondition(snapshot.entries.count <= capacity)
        snapshot.entries.withUnsafeBufferPointer { entries.initialize(from: $0.baseAddress!, count: $0.count) }
        primaryBits = snapshot.primaryBits
        mask = UInt64((1 << primaryBits) - 1)
    }

    /// The entries in use and the primary index width, to ``load(_:)`` later.
    func snapshot(count: Int) -> (entries: [UInt32], primaryBits: Int) {
        (Array(UnsafeBufferPointer(start: entries, count: count)), primaryBits)
    }

    /// Builds the table for the code lengths `lengths[0..<count]` (0 = symbol unused).
    ///
    /// `info[symbol]` supplies the kind, extra bits and payload of each symbol's entry.
    /// Over-subscribed codes are refused; incomplete codes are refused unless
    /// `allowSingleCode` and the code is a single code of one bit (as zlib does).
    mutating func build(
        lengths: UnsafePointer<UInt8>, count: Int, info: [UInt32], allowSingleCode: Bool, name: String
    ) throws(CondenseError) {
        // Callers pass 19, at most 286 and at most 30 symbols (checked against the stream).
        precondition(count <= maxSymbols && count <= info.count)
        var counts = [Int](repeating: 0, count: 16)
        var maxLength = 0
        for s in 0..<count {
            let l = Int(lengths[s])
            counts[l] += 1
            maxLength = max(maxLength, l)
        }

        if maxLength == 0 {
            // No symbols at all (allowed for distance codes: the block holds only literals).
            primaryBits = 0
            mask = 0
            entries[0] = 0
            return
        }
        var left = 1
        for length in 1...15 {
            left = left << 1 - counts[length]
            if left < 0 { throw .invalidData("DEFLATE: over-subscribed \(name) Huffman code") }
        }
        if left > 0 && !(allowSingleCode && maxLength == 1) {
            throw .invalidData("DEFLATE: incomplete \(name) Huffman code")
        }

        // Canonical codes: consecutive within a length, in symbol order.
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        counts[0] = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        for s in 0..<count {
            let length = Int(lengths[s])
            guard length > 0 else { continue }
            var c = next[length]
            next[length] += 1
            var reversed = 0
            for _ in 0..<length {
                reversed = reversed << 1 | (c & 1)
                c >>= 1
            }
            codes[s] = UInt16(reversed)
        }

        let primary = min(maxLength, maxPrimaryBits)
        let primarySize = 1 << primary
        primaryBits = primary
        mask = UInt64(primarySize - 1)

        // Size the subtables: the longest code behind each primary prefix.
        var used = primarySize
        if maxLength > primary {
            subtableBits.initialize(repeating: 0, count: primarySize)
            for s in 0..<count where Int(lengths[s]) > primary {
                let prefix = Int(codes[s]) & (primarySize - 1)
                subtableBits[prefix] = max(subtableBits[prefix], lengths[s] - UInt8(primary))
            }
            for prefix in 0..<primarySize where subtableBits[prefix] > 0 {
                used += 1 << Int(subtableBits[prefix])
            }
        }
        precondition(used <= capacity, "Huffman table overflow")
        entries.initialize(repeating: 0, count: used)

        if maxLength > primary {
            var offset = primarySize
            for prefix in 0..<primarySize where subtableBits[prefix] > 0 {
                let bits = UInt32(subtableBits[prefix])
                entries[prefix] = UInt32(offset) << 16 | HuffmanEntry.subtable << 8 | bits << 4 | UInt32(primary)
                offset += 1 << Int(bits)
            }
        }

        for s in 0..<count {
            let length = Int(lengths[s])
            guard length > 0 else { continue }
            let entry = info[s] | UInt32(length)
            let reversed = Int(codes[s])
            if length <= primary {
                var index = reversed
                while index < primarySize {
                    entries[index] = entry
                    index += 1 << length
                }
            } else {
                let link = entries[reversed & (primarySize - 1)]
                let base = Int(link >> 16)
                let size = 1 << Int((link >> 4) & 0xF)
                let step = 1 << (length - primary)
                var index = reversed >> primary
                while index < size {
                    entries[base + index] = entry
                    index += step
                }
            }
        }
    }
}

/// Entry kinds and symbol tables of the DEFLATE alphabets (RFC 1951, section 3.2.5).
enum HuffmanEntry {
    /// An unused code or a symbol that may not appear (literal/length 286-287, distance 30-31).
    static let invalid: UInt32 = 0
    static let literal: UInt32 = 1
    static let length: UInt32 = 2
    static let endOfBlock: UInt32 = 3
    static let subtable: UInt32 = 4
    static let distance: UInt32 = 5

    static let lengthBase: [UInt32] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    static let lengthExtra: [UInt32] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase: [UInt32] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra: [UInt32] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// Entries (without the code length) of the 288 literal/length symbols.
    static let literalLengthInfo: [UInt32] = (0..<288).map { s in
        switch s {
        case 0..<256: return UInt32(s) << 16 | literal << 8
        case 256: return endOfBlock << 8
        case 257...285: return lengthBase[s - 257] << 16 | length << 8 | lengthExtra[s - 257] << 4
        default: return invalid
        }
    }

    /// Entries (without the code length) of the 32 distance symbols.
    static let distanceInfo: [UInt32] = (0..<32).map { s in
        s < 30 ? distanceBase[s] << 16 | distance << 8 | distanceExtra[s] << 4 : invalid
    }

    /// Entries of the 19 code-length symbols: the symbol itself.
    static let codeLengthInfo: [UInt32] = (0..<19).map { UInt32($0) << 16 | literal << 8 }

    /// The order in which a dynamic block sends the code-length code lengths.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Code lengths of the fixed literal/length code (section 3.2.6).
    static let fixedLiteralLengths: [UInt8] = (0..<288).map { s in
        s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8
    }

    /// Code lengths of the fixed distance code: 32 codes of 5 bits.
    static let fixedDistanceLengths = [UInt8](repeating: 5, count: 32)

    /// The tables of the fixed codes, built once. The fixed codes are complete and no
    /// longer than the primary index, so the tables have no subtables.
    static let fixedTables: (literal: (entries: [UInt32], primaryBits: Int), distance: (entries: [UInt32], primaryBits: Int)) = {
        var literal = HuffmanTable(maxSymbols: 288, maxPrimaryBits: 10)
        var distance = HuffmanTable(maxSymbols: 32, maxPrimaryBits: 8)
        fixedLiteralLengths.withUnsafeBufferPointer { p in
            try! literal.build(lengths: p.baseAddress!, count: 288, info: literalLengthInfo, allowSingleCode: false, name: "fixed")
        }
        fixedDistanceLengths.withUnsafeBufferPointer { p in
            try! distance.build(lengths: p.baseAddress!, count: 32, info: distanceInfo, allowSingleCode: false, name: "fixed")
        }
        return (literal.snapshot(count: 1 << 9), distance.snapshot(count: 1 << 5))
    }()
}
