import CondenseCore

/// A way to remove a given number of neurons from every hidden layer of a network: the
/// common interface of Condense's approximate collapse and of the baselines it is
/// compared with, so that all run in one harness (``Sweep``) on the same calibration data.
///
/// Conforming types are small values; each documents the paper it follows and its cost.
public protocol ReductionMethod: Sendable {
    /// Stable command-line name (`condense-ls`, `magnitude-l1`, `kim-merge`, ...).
    var name: String { get }
    /// One line for tables: what the method does and whom it follows.
    var summary: String { get }
    /// Whether the method is Condense's own or a published baseline.
    var family: MethodFamily { get }
    /// Whether the method cannot run without calibration data.
    var needsCalibration: Bool { get }

    /// Removal priority of every neuron, one array per layer (empty for the input and
    /// output layers): lower goes first. Values are comparable across layers, so that a
    /// global budget can be spread over the layers (``RemovalAllocation/global``).
    func priorities(of network: Network, calibration: CalibrationData?) throws(CondenseError) -> [[Double]]

    /// Removes `counts[l]` neurons from every hidden layer `l` (0 for the input and output
    /// layers) and compensates as the method prescribes. Fates use the addresses of
    /// `network`; survivors keep their order.
    func reduce(_ network: Network, removing counts: [Int], calibration: CalibrationData?) throws(CondenseError)
        -> Reduction
}

/// Condense's methods and the published baselines, told apart in tables and plots.
public enum MethodFamily: String, Sendable, Codable {
    case condense
    case baseline
}

/// What a ``ReductionMethod`` produced.
public struct Reduction: Sendable {
    /// The smaller network.
    public var network: Network
    /// One fate per removed neuron (addresses in the input network), sorted.
    public var fates: [NeuronFate]
    /// `survivors[l]`: the input-network indices of layer `l`'s remaining neurons, in order.
    public var survivors: [[Int]]
}

extension ReductionMethod {
    /// Checks `counts` against `network`: one entry per layer, none for the input and output
    /// layers, and every hidden layer keeps at least one neuron. O(layers).
    func validate(_ counts: [Int], for network: Network) throws(CondenseError) {
        guard counts.count == network.layers.count else {
            throw .invalidArgument("\(name): \(counts.count) removal counts for \(network.layers.count) layers")
        }
        guard counts.first == 0, counts.last == 0 else {
            throw .invalidArgument("\(name): only hidden neurons can be removed")
        }
        for l in network.hiddenLayers where counts[l] < 0 || counts[l] >= network.layers[l].width {
            throw .invalidArgument(
                "\(name): cannot remove \(counts[l]) of the \(network.layers[l].width) neurons of layer \(l)")
        }
    }
}
