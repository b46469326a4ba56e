import CondenseCore
import CondenseGraph

/// **Dead ends**: unit `k` (with its coupled layers) is removed when every consumer's
/// weights on the input slots it fills are zero, so nothing reads it. Iterating with the
/// other rules removes chains that lead only to removed units.
///
/// Why: after the next layer loses units, the units that fed only those are left with no
/// reader. Cost: O(consumer parameters).
struct UnitDeadEndRule: UnitCollapseRule {
    let rule = UnitFate.Rule.deadEnd

    func apply(to context: inout UnitCollapseContext) throws(CondenseError) -> Int {
        var removed = 0
        for (l, k) in context.candidates() {
            guard context.canRemove(k, ofLayer: l) else { continue }
            var read = false
            check: for m in context.units.coupledLayers(l) {
                for consumer in context.units.layers[m].consumers {
                    let a = try context.affine(consumer)
                    for (slot, _) in context.units.slots(of: k, from: m, in: consumer) {
                        for u in 0..<a.units where context.reduction.kept[consumer][u] {
                            let base = u * a.columns + slot * a.block
                            if a.weights[base..<(base + a.block)].contains(where: { $0 != 0 }) { read = true; break check }
                        }
                    }
                }
            }
            guard !read else { continue }
            context.remove(k, ofLayer: l, rule: rule)
            removed += 1
        }
        return removed
    }
}
