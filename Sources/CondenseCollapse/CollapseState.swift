import CondenseCore

/// The network being simplified (a ``TrackedNetwork``: the map back to the original
/// neurons and the fates so far) plus the folds the parameter budget refused: what every
/// rule reads and edits.
struct CollapseState {
    private(set) var tracked: TrackedNetwork
    /// Folds of stably linear neurons the parameter budget refused in the latest stability pass.
    private(set) var declinedFolds: [DeclinedFold] = []
    /// Candidates the branch and bound had not searched when its time limit ran out (last pass).
    var unprovenAtTimeLimit = 0

    init(network: Network) { tracked = TrackedNetwork(network: network) }

    var network: Network {
        get { tracked.network }
        set { tracked.network = newValue }
    }
    var originalIndex: [[Int]] { tracked.originalIndex }
    var fates: [NeuronFate] { tracked.fates }

    /// The original address of the current neuron `i` of layer `l`. O(1).
    func original(layer l: Int, index i: Int) -> NeuronID { tracked.original(layer: l, index: i) }

    /// The candidates of hidden layer `l` that may go without emptying the layer: all of
    /// them, or all but the first when they are the whole layer (a layer keeps one unit).
    func removable(_ candidates: [Int], fromLayer l: Int) -> [Int] {
        candidates.count < network.layers[l].width ? candidates : Array(candidates.dropFirst())
    }

    /// Removes the current neurons `removed` of hidden layer `l` (``TrackedNetwork/remove(_:fromLayer:fate:)``).
    mutating func remove(_ removed: [Int], fromLayer l: Int, fate: (Int, NeuronID) -> NeuronFate) {
        tracked.remove(removed, fromLayer: l, fate: fate)
    }

    mutating func clearDeclinedFolds() { declinedFolds = [] }

    /// Records that folding the current neurons `neurons` of layer `l` would have grown
    /// the parameter count from `before` to `after`, beyond the budget.
    mutating func declineFold(layer l: Int, neurons: [Int], parametersBefore before: Int, parametersAfter after: Int) {
        declinedFolds.append(DeclinedFold(
            neurons: neurons.map { original(layer: l, index: $0) }, parametersBefore: before, parametersAfter: after))
    }

    /// Adds `factors[k] * column sources[k]` to `column targets[k]` in every block that reads
    /// layer `l`: the outgoing weights of neurons merged into others. Summed in double
    /// precision and rounded once per entry. O(consumers' widths * sources).
    mutating func addColumns(_ sources: [Int], scaledBy factors: [Double], into targets: [Int], ofLayer l: Int) {
        guard !sources.isEmpty else { return }
        var shift = [Double](repeating: 0, count: network.layers[l].width)
        for consumer in network.consumers(of: l) {
            guard let c = network.layers[consumer].inputs.firstIndex(where: { $0.source == l }) else { continue }
            var block = network.layers[consumer].inputs[c].weights
            for r in 0..<block.rows {
                for k in sources.indices { shift[targets[k]] += factors[k] * Double(block[r, sources[k]]) }
                for t in targets where shift[t] != 0 {
                    block[r, t] = Float(Double(block[r, t]) + shift[t])
                    shift[t] = 0
                }
            }
            network.layers[consumer].inputs[c].weights = block
        }
    }

    /// Adds `sum_k values[k] * column neurons[k]` of every block reading layer `l` to the
    /// consumer's biases: folds neurons whose outputs are the constants `values`. Summed in
    /// double precision and rounded once per bias. O(consumers' widths * neurons).
    mutating func foldConstants(_ neurons: [Int], values: [Float], ofLayer l: Int) {
        guard !neurons.isEmpty else { return }
        for consumer in network.consumers(of: l) {
            guard let block = network.layers[consumer].connection(from: l)?.weights else { continue }
            for r in 0..<block.rows {
                var shift = 0.0
                for (i, value) in zip(neurons, values) { shift += Double(block[r, i]) * Double(value) }
                network.layers[consumer].bias[r] = Float(Double(network.layers[consumer].bias[r]) + shift)
            }
        }
    }
}
