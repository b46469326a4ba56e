import CondenseCore
import Foundation

extension FineTuning {
    /// `rows` cut into `count` consecutive shards of near-equal size.
    static func split(_ rows: [Int], into count: Int) -> [[Int]] {
        guard count > 1 else { return [rows] }
        return (0..<count).map { k in Array(rows[(k * rows.count / count)..<((k + 1) * rows.count / count)]) }
    }

    /// `body(0..<n)` on `n` threads; the first error, if any, is thrown.
    static func parallel<T>(_ n: Int, _ body: (Int) throws(CondenseError) -> T) throws(CondenseError) -> [T] {
        if n == 1 { return [try body(0)] }
        let slots = Slots<T>(n)
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: n) { i in
                do throws(CondenseError) { slots.set(i, .success(try shared.value(i))) } catch { slots.set(i, .failure(error)) }
            }
        }
        return try slots.values()
    }

    /// The rows `rows` of a flat row-major array of rows of `k` values. O(rows · k).
    static func gatherRows(_ t: [Float], _ rows: [Int], per k: Int) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(rows.count * k)
        for r in rows { out.append(contentsOf: t[(r * k)..<(r * k + k)]) }
        return out
    }
}
