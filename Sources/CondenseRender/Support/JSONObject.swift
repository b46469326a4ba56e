import CondenseCore
import Foundation

/// Reading the top-level object of a small JSON input file (values, reports).
enum JSONObject {
    /// The object in `data`; `what` names the file and `expected` says what it should hold
    /// in the error message. O(size of the data).
    static func parse(_ data: Data, what: String, expected: String) throws(CondenseError) -> [String: Any] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .invalidData("\(what) is not JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any] else {
            throw .invalidData("\(what) must hold a JSON object with \(expected)")
        }
        return object
    }
}
