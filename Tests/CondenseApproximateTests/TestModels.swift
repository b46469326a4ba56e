import CondenseApproximate
import CondenseCore
import CondenseLabels

/// Small seeded networks and data for the approximate-collapse tests.
enum TestModels {
    /// A dense ReLU MLP with Gaussian weights (scaled by 1/sqrt(fan-in)) and small biases;
    /// `duplicates[h]` neurons of hidden layer `h` are planted copies of earlier neurons of
    /// the same layer, scaled by a factor in [0.5, 2] (exact when `noise` is 0).
    static func network(widths: [Int], duplicates: [Int] = [], noise: Float = 0, seed: UInt64 = 1,
                        activation: Activation = .relu) throws -> Network {
        var rng = SplitMix64(seed: seed)
        var layers = [Layer.input(width: widths[0])]
        for l in 1..<widths.count {
            let rows = widths[l], columns = widths[l - 1]
            let scale = 1 / Float(columns).squareRoot()
            var w = Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in
                Float(rng.nextGaussian()) * scale
            })
            var bias = (0..<rows).map { _ in Float(rng.nextGaussian()) * 0.1 }
            let planted = l < widths.count - 1 && l - 1 < duplicates.count ? duplicates[l - 1] : 0
            for k in 0..<planted {
                let copy = rows - 1 - k, source = k % max(1, rows - planted)
                let factor = Float(0.5 + 1.5 * Double(rng.next() % 1000) / 1000)
                for j in 0..<columns {
                    w[copy, j] = factor * w[source, j] + noise * Float(rng.nextGaussian()) * scale
                }
                bias[copy] = factor * bias[source]
            }
            layers.append(Layer(name: "fc\(l)", width: rows, activation: l == widths.count - 1 ? .identity : activation,
                                bias: bias, inputs: [Connection(source: l - 1, weights: w)]))
        }
        return try Network(layers: layers, inputDomain: 0...1)
    }

    /// Uniform inputs in [0, 1] labelled by the network's own arg-max, with `flip` of them relabelled.
    static func calibration(for network: Network, count: Int = 200, seed: UInt64 = 3) throws -> CalibrationData {
        var rng = SplitMix64(seed: seed)
        let inputs = Matrix(rows: count, columns: network.inputWidth, values: (0..<(count * network.inputWidth)).map { _ in
            Float(Double(rng.next() >> 11) * 0x1p-53)
        })
        let outputs = try network.forward(inputs, applyingOutputTransform: false)
        let labels = (0..<count).map { r in
            (0..<outputs.columns).max { outputs[r, $0] < outputs[r, $1] } ?? 0
        }
        return try CalibrationData(inputs: inputs, labels: labels)
    }

    /// Removal counts: `hidden[h]` for hidden layer `h`, 0 for the input and output layers.
    static func counts(_ network: Network, _ hidden: [Int]) -> [Int] {
        [0] + hidden + [0]
    }

    /// `max |y' - y|` over the rows of `inputs`, on the raw outputs.
    static func maxChange(_ a: Network, _ b: Network, on inputs: Matrix) throws -> Double {
        let y = try a.forward(inputs, applyingOutputTransform: false)
        let z = try b.forward(inputs, applyingOutputTransform: false)
        return zip(y.values, z.values).reduce(0) { max($0, Double(abs($1.0 - $1.1))) }
    }

    /// Mean squared difference of the raw outputs over the rows of `inputs`.
    static func meanSquaredChange(_ a: Network, _ b: Network, on inputs: Matrix) throws -> Double {
        let y = try a.forward(inputs, applyingOutputTransform: false)
        let z = try b.forward(inputs, applyingOutputTransform: false)
        return zip(y.values, z.values).reduce(0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(y.values.count)
    }
}
