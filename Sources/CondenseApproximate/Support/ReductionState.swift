import CondenseCore

/// The network a method is reducing, with the map back to the neurons of the network it
/// started from and the fates recorded so far. Surviving neurons keep their order.
struct ReductionState {
    var network: Network
    private(set) var originalIndex: [[Int]]
    private(set) var fates: [NeuronFate] = []

    init(network: Network) {
        self.network = network
        originalIndex = network.layers.map { Array(0..<$0.width) }
    }

    /// The starting-network address of the current neuron `i` of layer `l`. O(1).
    func original(layer l: Int, index i: Int) -> NeuronID { NeuronID(layer: l, index: originalIndex[l][i]) }

    /// Removes the current neurons `removed` of hidden layer `l`; `fate(i, id)` gets the
    /// current index and the starting address of each. O(parameters touching layer `l`).
    mutating func remove(_ removed: [Int], fromLayer l: Int, fate: (Int, NeuronID) -> NeuronFate) {
        guard !removed.isEmpty else { return }
        for i in removed { fates.append(fate(i, original(layer: l, index: i))) }
        let gone = Set(removed)
        network.removeUnits(gone, fromLayer: l)
        originalIndex[l] = originalIndex[l].enumerated().filter { !gone.contains($0.offset) }.map(\.element)
    }

    /// The finished reduction, fates sorted by address; checks the network's invariants.
    func reduction() throws(CondenseError) -> Reduction {
        do {
            try network.validate()
        } catch {
            throw .internalError("a reduction produced an invalid network: \(error.description)")
        }
        return Reduction(network: network, fates: fates.sorted { $0.neuron < $1.neuron }, survivors: originalIndex)
    }
}
