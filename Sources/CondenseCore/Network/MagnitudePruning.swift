
/// Magnitude pruning, layer by layer (Han, Pool, Tran, Dally, "Learning both weights and
/// connections for efficient neural networks", NeurIPS 2015): in every weight block the
/// `fraction` of weights with the smallest `|w|` is set to zero. Gives the sparse variants
/// the reachability and labeling benchmarks run on. O(W log W) for W weights.
public enum MagnitudePruning {
    /// A copy of `network` with the smallest `fraction` of every block's weights zeroed.
    public static func pruned(_ network: Network, fraction: Double) throws(CondenseError) -> Network {
        guard fraction >= 0, fraction < 1 else {
            throw .invalidArgument("the pruning fraction must be in [0, 1), got \(fraction)")
        }
        var result = network
        for l in result.layers.indices {
            for c in result.layers[l].inputs.indices {
                let values = result.layers[l].inputs[c].weights.values
                let count = Int((Double(values.count) * fraction).rounded(.down))
                guard count > 0 else { continue }
                let order = values.indices.sorted { abs(values[$0]) < abs(values[$1]) }
                for i in order.prefix(count) { result.layers[l].inputs[c].weights.values[i] = 0 }
            }
        }
        return result
    }
}
