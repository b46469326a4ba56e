/// A network being simplified, with the map back to the neurons of the network it started
/// from and the fate of every neuron removed so far: the state that exact collapse and
/// every approximate method edit.
///
/// Surviving neurons keep their order, so `originalIndex[l][i]` — the starting index of
/// the current neuron `i` of layer `l` — stays increasing through every edit.
public struct TrackedNetwork: Sendable {
    public var network: Network
    public private(set) var originalIndex: [[Int]]
    public private(set) var fates: [NeuronFate] = []

    public init(network: Network) {
        self.network = network
        originalIndex = network.layers.map { Array(0..<$0.width) }
    }

    /// The starting address of the current neuron `i` of layer `l`. O(1).
    public func original(layer l: Int, index i: Int) -> NeuronID { NeuronID(layer: l, index: originalIndex[l][i]) }

    /// Removes the current neurons `removed` of hidden layer `l`, recording one fate per
    /// neuron: `fate(i, id)` gets the current index and the starting address.
    /// O(parameters touching layer `l`).
    public mutating func remove(_ removed: [Int], fromLayer l: Int, fate: (Int, NeuronID) -> NeuronFate) {
        guard !removed.isEmpty else { return }
        for i in removed { fates.append(fate(i, original(layer: l, index: i))) }
        let gone = Set(removed)
        network.removeUnits(gone, fromLayer: l)
        originalIndex[l] = originalIndex[l].enumerated().filter { !gone.contains($0.offset) }.map(\.element)
    }
}
