import CondenseCore

/// The product of a network's weight matrices: entry `[o, i]` is the sum over all paths
/// from input `i` to output `o` of the product of their weights (`|w|` with `absolute`),
/// i.e. what the sum-times (path-norm) semiring computes for that pair. With skip
/// connections the product generalises to `M_l = Σ_c W_c · M_source(c)`, `M_0 = I`.
/// O(Σ_l parameters_l · inputs) time, O(widest layer · inputs) memory per layer kept.
public enum WeightProduct {
    /// `M_last` as row-major `outputs × inputs` doubles.
    public static func outputByInput(_ network: Network, absolute: Bool) -> [Double] {
        let inputs = network.inputWidth
        // products[l]: M_l, row-major width_l x inputs; M_0 = I is never stored, a block
        // reading the input adds its own weights.
        var products = [[Double]](repeating: [], count: network.layers.count)
        for l in 1..<network.layers.count {
            var m = [Double](repeating: 0, count: network.layers[l].width * inputs)
            for block in network.layers[l].inputs {
                let w = block.weights, source = products[block.source]
                for r in 0..<w.rows {
                    for k in 0..<w.columns {
                        let x = Double(absolute ? abs(w[r, k]) : w[r, k])
                        if x == 0 { continue }
                        if block.source == 0 {
                            m[r * inputs + k] += x
                        } else {
                            for i in 0..<inputs { m[r * inputs + i] += x * source[k * inputs + i] }
                        }
                    }
                }
            }
            products[l] = m
        }
        return products[network.layers.count - 1]
    }

    /// The largest relative difference between `answer(input, output)` and the product, over
    /// every (input, output) pair of `network` (node numbering of its ``LayeredDAG``).
    public static func maxRelativeError(_ network: Network, absolute: Bool, answer: (Int, Int) -> Double) -> Double {
        let product = outputByInput(network, absolute: absolute)
        let inputs = network.inputWidth
        let firstOutput = network.layers.dropLast().reduce(0) { $0 + $1.width }
        var worst = 0.0
        for o in 0..<network.outputWidth {
            for i in 0..<inputs {
                let expected = product[o * inputs + i], got = answer(i, firstOutput + o)
                worst = max(worst, abs(got - expected) / max(abs(expected), 1e-300))
            }
        }
        return worst
    }
}
