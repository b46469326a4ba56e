import CondenseCore
import CondenseGraph

/// Exact collapse of units on the whole graph: conv channels (and, when asked, neurons)
/// that are constant on the domain, proportional to another unit of their layer, or read by
/// nobody, removed with compensation in their consumers; coupled layers (residual `Add`s)
/// only together. Rounds repeat until nothing more goes, since each removal can make others
/// possible. The result is a new ``CondenseGraph/ComputeGraph`` with the same nodes.
///
/// Soundness rests on interval bounds of the domain pushed through every node
/// (``CondenseGraph/IntervalPropagation``) and exact weight identities; the workflow still
/// certifies the result by running both graphs. O(rounds · (interval pass + forward pass +
/// parameters)).
public struct UnitCollapse: Sendable {
    /// Which layers to act on: `.channels` (conv channels; neurons are left to the dense
    /// core's richer rules), or both.
    public var layerKinds: Set<UnitLayer.Kind>
    public var rules: Set<UnitFate.Rule>
    /// At most this many rounds.
    public var maxRounds: Int

    public init(layerKinds: Set<UnitLayer.Kind> = [.channels], rules: Set<UnitFate.Rule> = Set(UnitFate.Rule.allCases), maxRounds: Int = 8) {
        self.layerKinds = layerKinds
        self.rules = rules
        self.maxRounds = maxRounds
    }

    /// What exact unit collapse produced.
    public struct Result: Sendable {
        public var graph: ComputeGraph
        public var fates: [UnitFate]
        /// Units per layer (by name) before and after.
        public var widthsBefore: [String: Int]
        public var widthsAfter: [String: Int]
        public var rounds: Int
        public var removed: Int { fates.count }
    }

    /// Collapses `graph`, whose primary input takes `features` values per sample in the box
    /// `[lower, upper]` (no box: only the rules that need no domain find anything). `units`,
    /// when the caller has derived them already, saves one dry run.
    public func run(_ graph: ComputeGraph, features: Int, lower: [Float]? = nil, upper: [Float]? = nil,
                    units derived: UnitGraph? = nil) throws(CondenseError) -> Result {
        var current = graph
        var units: UnitGraph
        if let derived { units = derived } else { units = try UnitGraph(graph: graph, features: features) }
        let widthsBefore = Dictionary(units.layers.map { ($0.name, $0.width) }, uniquingKeysWith: { a, _ in a })
        // Each layer's units as indices into the model as read.
        var original: [String: [Int]] = Dictionary(units.layers.map { ($0.name, Array(0..<$0.width)) }, uniquingKeysWith: { a, _ in a })
        var fates: [UnitFate] = []
        var rounds = 0
        let ordered: [any UnitCollapseRule] = [UnitConstantRule(), UnitProportionalRule(), UnitDeadEndRule()]
            .filter { rules.contains($0.rule) }
        while rounds < maxRounds {
            rounds += 1
            var context = try UnitCollapseContext(graph: current, units: units, lower: lower, upper: upper, features: features,
                                                  layerKinds: layerKinds)
            var found = 0
            for rule in ordered { found += try rule.apply(to: &context) }
            guard found > 0 else { break }
            for f in context.fates {
                let name = units.layers[f.layer].name
                let map = original[name] ?? []
                fates.append(UnitFate(layer: name, unit: map[f.unit],
                                      rule: f.rule, coupled: units.coupledLayers(f.layer).filter { $0 != f.layer }.map { units.layers[$0].name },
                                      into: f.into.map { map[$0] }, factor: f.factor))
            }
            for (l, layer) in units.layers.enumerated() {
                original[layer.name] = (original[layer.name] ?? []).enumerated().filter { context.reduction.kept[l][$0.offset] }.map(\.element)
            }
            current = try current.applying(context.reduction, units: units)
            units = try UnitGraph(graph: current, features: features)
        }
        let widthsAfter = Dictionary(units.layers.map { ($0.name, $0.width) }, uniquingKeysWith: { a, _ in a })
        return Result(graph: current, fates: fates, widthsBefore: widthsBefore, widthsAfter: widthsAfter, rounds: rounds)
    }
}
