import CondenseCore
import Foundation

/// Results written by concurrent workers, one slot each.
final class Slots<T>: @unchecked Sendable {
    private var results: [Result<T, CondenseError>?]
    private let lock = NSLock()

    init(_ n: Int) { results = Array(repeating: nil, count: n) }

    func set(_ i: Int, _ r: Result<T, CondenseError>) {
        lock.lock()
        results[i] = r
        lock.unlock()
    }

    func values() throws(CondenseError) -> [T] {
        var out: [T] = []
        for r in results {
            switch r {
            case .success(let v)?: out.append(v)
            case .failure(let e)?: throw e
            case nil: throw .internalError("a worker returned nothing")
            }
        }
        return out
    }
}

/// A value handed to concurrent workers that only read it.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
