import CondenseCore

/// What exact collapse produced: the smaller network, what happened to every removed
/// neuron (original addresses), counts before and after, and where the time went.
public struct CollapseResult: Sendable {
    /// The simplified network (same inputs and outputs, same function on the domain).
    public var network: Network
    /// One fate per removed neuron, ordered by original address.
    public var fates: [NeuronFate]
    /// `survivors[l]`: the original indices of layer `l`'s remaining neurons, in order.
    public var survivors: [[Int]]
    public var before: NetworkCounts
    public var after: NetworkCounts
    /// Seconds spent in each rule (`dead_end`, `constant`, `equivalent`, `stable`), summed over passes.
    public var secondsByRule: [String: Double]
    public var totalSeconds: Double
    /// Passes over all rules until none fired (the last pass changes nothing).
    public var passes: Int
    /// The input box the stability rule used, `nil` if it did not run.
    public var domain: InputBox?
    /// Folds of stably linear neurons refused by the parameter budget in the last pass.
    public var declinedFolds: [DeclinedFold]
    /// Stability candidates left unproven (and kept) because the branch and bound's time limit ran out.
    public var unprovenAtTimeLimit: Int = 0

    /// Number of removed neurons per rule (every rule present, zero included).
    public var removedByRule: [NeuronFate.Rule: Int] {
        var counts = Dictionary(uniqueKeysWithValues: NeuronFate.Rule.allCases.map { ($0, 0) })
        for fate in fates { counts[fate.rule, default: 0] += 1 }
        return counts
    }

    /// The fate of an original neuron, `nil` if it survived. O(log removed).
    public func fate(of neuron: NeuronID) -> NeuronFate? {
        var lo = 0, hi = fates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if fates[mid].neuron < neuron { lo = mid + 1 } else { hi = mid }
        }
        return lo < fates.count && fates[lo].neuron == neuron ? fates[lo] : nil
    }
}

/// Sizes of a network a report compares before and after.
public struct NetworkCounts: Sendable, Hashable, Codable {
    public var neurons: Int
    public var hiddenNeurons: Int
    public var parameters: Int
    public var edges: Int
    /// Width of every layer, input first.
    public var widths: [Int]

    public init(_ network: Network) {
        neurons = network.neuronCount
        hiddenNeurons = network.hiddenNeuronCount
        parameters = network.parameterCount
        edges = network.edgeCount
        widths = network.layers.map(\.width)
    }

    enum CodingKeys: String, CodingKey {
        case neurons, parameters, edges, widths
        case hiddenNeurons = "hidden_neurons"
    }
}

/// Stably linear neurons left in place because folding them would have grown the
/// parameter count beyond the budget (a new dense skip block costs more than they free).
public struct DeclinedFold: Sendable, Hashable, Codable {
    /// Original addresses of the neurons.
    public var neurons: [NeuronID]
    public var parametersBefore: Int
    public var parametersAfter: Int

    enum CodingKeys: String, CodingKey {
        case neurons
        case parametersBefore = "parameters_before"
        case parametersAfter = "parameters_after"
    }
}
