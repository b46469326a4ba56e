import CondenseCore

/// The network a method is reducing, with the map back to the neurons of the network it
/// started from and the fates recorded so far (see ``TrackedNetwork``).
typealias ReductionState = TrackedNetwork

extension TrackedNetwork {
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
