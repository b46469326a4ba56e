/// A Python literal as found in a `.npy` header: strings, integers, booleans, None,
/// and tuples, lists and dicts of those (the output of Python's `repr`).
enum PythonLiteral: Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(String, PythonLiteral)])

    struct ParseError: Error {
        var reason: String
    }

    /// Parses one literal that fills `text` (surrounding whitespace allowed).
    static func parse(_ text: String) throws(ParseError) -> PythonLiteral {
        var parser = Parser(chars: Array(text.utf8))
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.i == parser.chars.count else { throw ParseError(reason: "text after the literal") }
        return value
    }

    private struct Parser {
        let chars: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < chars.count, chars[i] == 0x20 || chars[i] == 0x0A || chars[i] == 0x09 || chars[i] == 0x0D { i += 1 }
        }

        func peek() -> UInt8? { i < chars.count ? chars[i] : nil }

        mutating func value(depth: Int) throws(ParseError) -> PythonLiteral {
            guard depth < 32 else { throw ParseError(reason: "nested too deeply") }
            skipSpace()
            guard let c = peek() else { throw ParseError(reason: "unexpected end") }
            switch c {
            case UInt8(ascii: "'"), UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "("):
                let (items, trailingComma) = try sequence(close: UInt8(ascii: ")"), depth: depth)
                // "(x)" is just x in Python; "(x,)" is a tuple.
                if items.count == 1 && !trailingComma { return items[0] }
                return .tuple(items)
            case UInt8(ascii: "["): return .list(try sequence(close: UInt8(ascii: "]"), depth: depth).items)
            case UInt8(ascii: "{"): return try dict(depth: depth)
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try integer())
            default:
                let word = identifier()
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "None": return .none
                default: throw ParseError(reason: word.isEmpty ? "unexpected character" : "unknown name \(word)")
                }
            }
        }

        mutating func identifier() -> String {
            let start = i
            while let c = peek(), (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F { i += 1 }
            return String(decoding: chars[start..<i], as: UTF8.self)
        }

        mutating func integer() throws(ParseError) -> Int {
            var negative = false
            if peek() == UInt8(ascii: "-") || peek() == UInt8(ascii: "+") {
                negative = peek() == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            var digits = 0
            while let c = peek(), c >= 0x30 && c <= 0x39 {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(c - 0x30))
                guard !o1, !o2 else { throw ParseError(reason: "integer too large") }
                value = sum
                digits += 1
                i += 1
            }
            guard digits > 0 else { throw ParseError(reason: "bad integer") }
            if peek() == UInt8(ascii: "L") { i += 1 }  // Python 2 long suffix
            return negative ? -value : value
        }

        mutating func string() throws(ParseError) -> String {
            let quote = chars[i]
            i += 1
            var bytes: [UInt8] = []
            while true {
                guard let c = peek() else { throw ParseError(reason: "unterminated string") }
                i += 1
                if c == quote { break }
                if c == UInt8(ascii: "\\") {
                    guard let escaped = peek() else { throw ParseError(reason: "unterminated string") }
                    i += 1
                    bytes.append(escaped)
                } else {
                    bytes.append(c)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        mutating func sequence(close: UInt8, depth: Int) throws(ParseError) -> (items: [PythonLiteral], trailingComma: Bool) {
            i += 1
            var items: [PythonLiteral] = []
            var trailingComma = false
            while true {
                skipSpace()
                if peek() == close {
                    i += 1
                    return (items, trailingComma)
                }
                items.append(try value(depth: depth + 1))
                skipSpace()
                trailingComma = false
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    trailingComma = true
                } else if peek() != close {
                    throw ParseError(reason: "expected ',' or closing bracket")
                }
            }
        }

        mutating func dict(depth: Int) throws(ParseError) -> PythonLiteral {
            i += 1
            var pairs: [(String, PythonLiteral)] = []
            while true {
                skipSpace()
                if peek() == UInt8(ascii: "}") {
                    i += 1
                    return .dict(pairs)
                }
                guard case .string(let key) = try value(depth: depth + 1) else {
                    throw ParseError(reason: "dict key is not a string")
                }
                skipSpace()
                guard peek() == UInt8(ascii: ":") else { throw ParseError(reason: "expected ':'") }
                i += 1
                pairs.append((key, try value(depth: depth + 1)))
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    i += 1
                } else if peek() != UInt8(ascii: "}") {
                    throw ParseError(reason: "expected ',' or '}'")
                }
            }
        }
    }
}
