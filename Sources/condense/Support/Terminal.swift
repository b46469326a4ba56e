import CondenseCore
import Foundation

/// Writing to the terminal: results on stdout, errors and progress on stderr.
enum Terminal {
    /// One error line on stderr: control characters in the message (a tensor name with a
    /// newline, say) are shown as escapes, so the error is always exactly one line.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("condense: error: \(FlagGlossary.annotate(message).replacingControlCharacters)\n".utf8))
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

/// The library speaks in its API's terms; the command line names the flag behind each term
/// the first time it occurs in an error message.
enum FlagGlossary {
    static let terms: [(term: String, flag: String)] = [
        ("calibration data", "--calibration"), ("the fraction to remove", "--remove"),
        ("the accuracy drop", "--max-accuracy-drop"), ("an accuracy-drop target", "--max-accuracy-drop"),
        ("the output-change target", "--epsilon"), ("an output-change target", "--epsilon"),
        ("the tolerance", "--tolerance"), ("the maximum parameter growth", "--max-parameter-growth"),
        ("the memory budget", "--max-memory"), ("random check points", "--random-points"),
        ("calibration samples", "--calibration-size"), ("the hub scheme", "--scheme hub"),
        ("the input scale", "--scale or condense.input_scale"), ("the time limit", "--time-limit"),
    ]

    static func annotate(_ message: String) -> String {
        var text = message
        for (term, flag) in terms {
            guard let range = text.range(of: term) else { continue }
            text.replaceSubrange(range, with: "\(term) (\(flag))")
        }
        return text
    }
}
