import CondenseCore
import CondenseGraph

/// **Proportional units**: unit `j` of an uncoupled layer whose weights and bias (with
/// folded BatchNormalization) are `a > 0` times those of unit `i` outputs `a·` unit `i`
/// under ReLU, LeakyReLU or no activation (`a = 1` under any other), everywhere; when the
/// path to its consumers is positively homogeneous (pooling, ReLU, reshapes) they read
/// `a·` what they read from `i`, so `j` is merged into `i` (its consumer weights added `a`
/// times to `i`'s). Candidates are grouped by hashing the normalised rows, then checked
/// exactly (relative tolerance 1e-6).
///
/// Why: duplicated filters appear after merging layers and in over-parameterised nets.
/// Cost: O(parameters) expected (hashing, no pair scan).
struct UnitProportionalRule: UnitCollapseRule {
    let rule = UnitFate.Rule.proportional

    func apply(to context: inout UnitCollapseContext) throws(CondenseError) -> Int {
        var removed = 0
        for l in 1..<context.units.layers.count where context.units.layers[l].pinned == nil {
            let layer = context.units.layers[l]
            guard context.units.coupledLayers(l).count == 1, !layer.consumers.isEmpty else { continue }
            let a = try context.affine(l)
            let homogeneous: Bool
            switch layer.activation {
            case .relu, .identity, .leakyRelu: homogeneous = layer.homogeneousPath
            default: homogeneous = false
            }
            var buckets: [[Int32]: [Int]] = [:]
            var rows: [[Float]] = []
            for k in 0..<a.units {
                var row = Array(a.weights[(k * a.columns)..<((k + 1) * a.columns)]).map { $0 * layer.scale[k] }
                row.append(layer.bias[k])
                rows.append(row)
                guard context.reduction.kept[l][k], let scale = row.map(abs).max(), scale > 0,
                      row.dropLast().contains(where: { $0 != 0 }) else { continue }
                let key = row.map { Int32(($0 / scale * 1e5).rounded()) }
                buckets[key, default: []].append(k)
            }
            for members in buckets.values where members.count > 1 {
                let i = members[0]
                let ri = rows[i]
                let si = ri.map(abs).max()!
                for j in members.dropFirst() where context.canRemove(j, ofLayer: l) {
                    let rj = rows[j]
                    let factor = rj.map(abs).max()! / si
                    guard factor > 0, factor.isFinite, homogeneous || abs(factor - 1) <= 1e-6 else { continue }
                    let tolerance = 1e-6 * rj.map(abs).max()!
                    guard zip(ri, rj).allSatisfy({ abs($1 - factor * $0) <= tolerance }) else { continue }
                    context.reduction.merges.append(UnitReduction.Merge(layer: l, unit: j, into: i, factor: homogeneous ? factor : 1))
                    context.remove(j, ofLayer: l, rule: rule, into: i, factor: homogeneous ? factor : 1)
                    removed += 1
                }
            }
        }
        return removed
    }
}
