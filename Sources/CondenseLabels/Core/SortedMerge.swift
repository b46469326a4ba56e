/// Merge join of two sorted runs of node ids: the core of every 2-hop label query.
enum SortedMerge {
    /// Calls `body(i, j)` for every `i` in `a`, `j` in `b` with `ids[i] == otherIds[j]`, in
    /// increasing id order. Both runs must be sorted ascending. O(|a| + |b|).
    @inline(__always)
    static func forEachCommon(_ ids: [Int32], _ a: Range<Int>, _ otherIds: [Int32], _ b: Range<Int>,
                              _ body: (Int, Int) -> Void) {
        ids.withUnsafeBufferPointer { x in
            otherIds.withUnsafeBufferPointer { y in
                var i = a.lowerBound, j = b.lowerBound
                while i < a.upperBound && j < b.upperBound {
                    let p = x[i], q = y[j]
                    if p == q {
                        body(i, j)
                        i += 1
                        j += 1
                    } else if p < q {
                        i += 1
                    } else {
                        j += 1
                    }
                }
            }
        }
    }
}
