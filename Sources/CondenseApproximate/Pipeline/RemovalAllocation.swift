import CondenseCore

/// How a total number of neurons to remove is spread over the hidden layers.
public enum RemovalAllocation: String, Sendable, Codable, CaseIterable {
    /// The lowest removal priorities over all hidden layers go first: a method's
    /// per-layer-normalised scores decide how many each layer loses (Molchanov et al.,
    /// "Pruning convolutional neural networks for resource efficient inference", ICLR 2017).
    case global
    /// Every hidden layer loses the same fraction of its neurons (largest remainder).
    case perLayer = "per_layer"

    /// The most neurons any allocation may remove: all but one per hidden layer.
    public static func maximumRemovable(from network: Network) -> Int {
        network.hiddenLayers.reduce(0) { $0 + network.layers[$1].width - 1 }
    }

    /// Removal counts per layer (0 for the input and output layers) that add up to `total`.
    /// `priorities` is asked for only by ``global``. O(V log V).
    public func counts(removing total: Int, from network: Network,
                       priorities: () throws(CondenseError) -> [[Double]]) throws(CondenseError) -> [Int] {
        let limit = Self.maximumRemovable(from: network)
        guard total >= 0, total <= limit else {
            throw .invalidArgument("cannot remove \(total) hidden neurons: at most \(limit) can go (one stays per layer)")
        }
        var counts = [Int](repeating: 0, count: network.layers.count)
        guard total > 0 else { return counts }
        switch self {
        case .perLayer:
            let hidden = Double(network.hiddenNeuronCount)
            var remainders: [(Double, Int)] = []
            for l in network.hiddenLayers {
                let share = Double(total) * Double(network.layers[l].width) / hidden
                counts[l] = min(Int(share.rounded(.down)), network.layers[l].width - 1)
                remainders.append((share - Double(counts[l]), l))
            }
            var missing = total - counts.reduce(0, +)
            // Largest remainders first; layers that are full are skipped.
            while missing > 0 {
                for (_, l) in remainders.sorted(by: { $0.0 > $1.0 }) where missing > 0 && counts[l] < network.layers[l].width - 1 {
                    counts[l] += 1
                    missing -= 1
                }
            }
        case .global:
            let scores = try priorities()
            var candidates: [(Double, Int)] = []
            for l in network.hiddenLayers {
                guard scores.count == network.layers.count, scores[l].count == network.layers[l].width else {
                    throw .internalError("priorities do not match the widths of layer \(l)")
                }
                // The neuron a layer would lose last never competes: every layer keeps one.
                let order = scores[l].indices.sorted { scores[l][$0] < scores[l][$1] }
                for i in order.dropLast() { candidates.append((scores[l][i].isNaN ? .infinity : scores[l][i], l)) }
            }
            candidates.sort { $0.0 < $1.0 }
            for (_, l) in candidates.prefix(total) { counts[l] += 1 }
        }
        return counts
    }
}

/// Helpers that make scores of different layers comparable.
enum PriorityNormalization {
    /// Divides every layer's scores by their Euclidean norm (Molchanov et al. 2017's layer-wise
    /// L2 normalisation); layers of zeros stay zero. O(V).
    static func l2(_ scores: [[Double]]) -> [[Double]] {
        scores.map { layer in
            let norm = layer.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? layer.map { $0 / norm } : layer
        }
    }
}
