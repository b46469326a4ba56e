import CondenseCore
import CondenseGraph

/// **Constant units**: unit `k` of a layer (with the layers coupled to it) is removed when
/// every consumer sees a constant in the input channel it fills, on the whole domain. A unit
/// is constant when its kernel is zero (it outputs `f(bias)`) or when it is a ReLU unit whose
/// pre-activation upper bound is ≤ 0 (dead); constancy passes through pooling, reshapes and
/// `Add`s of constants, and a ReLU whose input is ≤ 0 on the domain makes its channel 0 —
/// so a residual channel whose sum is dead goes from every coupled layer at once. The value
/// (read from one run at a domain point, the same at every position) times the consumer's
/// weights is added to its bias; a non-zero value is folded only into dense consumers and
/// unpadded convolutions (zero padding would make the borders differ).
///
/// Why: dead and constant channels are common after training with weight decay and
/// after earlier removals. Cost: one interval pass and one forward pass on one sample,
/// then O(units · consumers · positions).
struct UnitConstantRule: UnitCollapseRule {
    let rule = UnitFate.Rule.constant

    func apply(to context: inout UnitCollapseContext) throws(CondenseError) -> Int {
        var removed = 0
        for (l, k) in context.candidates() {
            guard context.canRemove(k, ofLayer: l) else { continue }
            var folds: [UnitReduction.FoldedConstant] = []
            var ok = true
            check: for m in context.units.coupledLayers(l) {
                for consumer in context.units.layers[m].consumers {
                    for (_, channel) in context.units.slots(of: k, from: m, in: consumer) {
                        guard let value = context.constantValue(channel: channel, of: context.units.layers[consumer].inputTensor) else {
                            ok = false
                            break check
                        }
                        if value != 0, !context.acceptsConstant(consumer) { ok = false; break check }
                        let fold = UnitReduction.FoldedConstant(consumer: consumer, channel: channel, value: value)
                        if !folds.contains(fold) { folds.append(fold) }
                    }
                }
            }
            guard ok else { continue }
            context.reduction.constants.append(contentsOf: folds.filter { $0.value != 0 })
            context.remove(k, ofLayer: l, rule: rule)
            removed += 1
        }
        return removed
    }
}
