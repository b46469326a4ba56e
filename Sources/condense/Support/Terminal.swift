import CondenseCore
import Foundation

/// Writing to the terminal: results on stdout, errors and progress on stderr.
enum Terminal {
    /// One error line on stderr: control characters in the message (a tensor name with a
    /// newline, say) are shown as escapes, so the error is always exactly one line.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("condense: error: \(message.replacingControlCharacters)\n".utf8))
    }

    /// A progress line on stderr (never on stdout, which may carry JSON).
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Prints `value` as one JSON object with stable (sorted) keys.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }
}
