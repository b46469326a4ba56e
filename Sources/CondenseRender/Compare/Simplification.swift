import CondenseCore

/// A simplification to draw: the original network, the fates of its removed neurons
/// (original addresses), and optionally the simplified network. Checks that they fit.
public struct Simplification: Sendable {
    /// The original network.
    public let before: Network
    /// The simplified network, if given.
    public let after: Network?
    /// What happened to each removed neuron, ordered by original address.
    public let fates: [NeuronFate]
    /// `survivors[l]`: original indices of layer `l` that remain, in order (the
    /// simplified network's unit `j` of layer `l` is original unit `survivors[l][j]`).
    public let survivors: [[Int]]
    /// Fates by original address.
    public let fateOf: [NeuronID: NeuronFate]

    /// Checks the fates against `before` (addresses in range, no neuron twice, partners
    /// in range) and `after` against both (same number of layers, inputs and outputs;
    /// with fates, every width = original - removed).
    /// O(V + removed).
    public init(before: Network, after: Network?, fates: [NeuronFate]) throws(CondenseError) {
        var byAddress: [NeuronID: NeuronFate] = [:]
        let widths = before.layers.map(\.width)
        for fate in fates {
            for id in [fate.neuron] + (fate.partner.map { [$0] } ?? []) {
                guard id.layer >= 0, id.layer < widths.count, id.index >= 0, id.index < widths[id.layer] else {
                    throw .invalidData("the report names neuron \(id), which the model (\(widths.map(String.init).joined(separator: "-"))) does not have")
                }
            }
            guard byAddress.updateValue(fate, forKey: fate.neuron) == nil else {
                throw .invalidData("the report lists neuron \(fate.neuron) twice")
            }
        }
        let survivors = widths.enumerated().map { l, w in (0..<w).filter { byAddress[NeuronID(layer: l, index: $0)] == nil } }
        if let after {
            guard after.layers.count == before.layers.count, after.inputWidth == before.inputWidth,
                  after.outputWidth == before.outputWidth
            else {
                throw .invalidArgument(
                    "the models do not compare: \(NeuronDrawing.shape(before)) and \(NeuronDrawing.shape(after)) differ in layers, inputs or outputs")
            }
        }
        if let after, !fates.isEmpty {
            for (l, kept) in survivors.enumerated() where after.layers[l].width != kept.count {
                throw .invalidArgument(
                    "the report leaves \(kept.count) units in layer \(l), but the simplified model has \(after.layers[l].width): the report and the models do not belong together")
            }
        }
        self.before = before
        self.after = after
        self.fates = fates.sorted { $0.neuron < $1.neuron }
        self.survivors = survivors
        fateOf = byAddress
    }

    /// Removed neurons per rule, in the order of ``NeuronFate/Rule/allCases``, zeros left out.
    public var removedByRule: [(rule: NeuronFate.Rule, count: Int)] {
        var counts: [NeuronFate.Rule: Int] = [:]
        for fate in fates { counts[fate.rule, default: 0] += 1 }
        return NeuronFate.Rule.allCases.compactMap { rule in counts[rule].map { (rule, $0) } }
    }
}
