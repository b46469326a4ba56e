@testable import CondenseApproximate
import CondenseCore
import CondenseLabels
import Foundation
import Testing

@Suite("Compensation")
struct CompensationTests {
    @Test("data-free merging of exact (scaled) duplicates leaves the function unchanged")
    func exactDuplicates() throws {
        let network = try TestModels.network(widths: [8, 14, 10, 3], duplicates: [4, 3], seed: 5)
        let points = try TestModels.calibration(for: network, count: 128).inputs
        let reduction = try CondenseMerging(refit: false).reduce(
            network, removing: TestModels.counts(network, [4, 3]), calibration: nil)
        #expect(try TestModels.maxChange(network, reduction.network, on: points) < 1e-4)
        #expect(reduction.fates.allSatisfy { $0.rule == .approximateMerge && $0.partner != nil })
    }

    @Test("Srinivas & Babu merge unscaled duplicates exactly")
    func unscaledDuplicates() throws {
        var network = try TestModels.network(widths: [8, 10, 3], seed: 9)
        // Neuron 9 copies neuron 2 (same weights and bias).
        for j in 0..<8 { network.layers[1].inputs[0].weights[9, j] = network.layers[1].inputs[0].weights[2, j] }
        network.layers[1].bias[9] = network.layers[1].bias[2]
        let reduction = try DataFreeMerging().reduce(network, removing: [0, 1, 0], calibration: nil)
        let points = try TestModels.calibration(for: network, count: 64).inputs
        #expect(try TestModels.maxChange(network, reduction.network, on: points) < 1e-4)
        #expect(reduction.fates.first?.partner?.index == 2 || reduction.fates.first?.neuron.index == 2)
    }

    @Test("least-squares re-fit reduces the error of dropping the same neurons without compensation")
    func leastSquaresHelps() throws {
        let network = try TestModels.network(widths: [10, 24, 16, 4], duplicates: [4, 2], noise: 0.3, seed: 11)
        let calibration = try TestModels.calibration(for: network, count: 300)
        let heldOut = try TestModels.calibration(for: network, count: 300, seed: 99).inputs
        let reduction = try LeastSquaresElimination().reduce(
            network, removing: TestModels.counts(network, [10, 6]), calibration: calibration)
        var dropped = network
        for l in 1...2 {
            dropped.removeUnits(Set(reduction.fates.filter { $0.neuron.layer == l }.map(\.neuron.index)), fromLayer: l)
        }
        let refitted = try TestModels.meanSquaredChange(network, reduction.network, on: heldOut)
        let plain = try TestModels.meanSquaredChange(network, dropped, on: heldOut)
        #expect(refitted < 0.5 * plain)
    }

    @Test("least squares recovers an exact linear map")
    func leastSquaresFit() throws {
        let x = Matrix(rows: 6, columns: 2, values: [1, 0, 0, 1, 1, 1, 2, 1, 0, 3, 1, 2])
        var y = Matrix(rows: 6, columns: 1)
        for r in 0..<6 { y[r, 0] = 2 * x[r, 0] - x[r, 1] + 0.5 }
        let fit = try LeastSquares.fit(design: x, targets: y, ridge: 0)
        #expect(abs(fit.coefficients[0, 0] - 2) < 1e-4)
        #expect(abs(fit.coefficients[1, 0] + 1) < 1e-4)
        #expect(abs(fit.intercepts[0] - 0.5) < 1e-4)
    }

    @Test("greedy elimination removes a linearly dependent neuron first, at no cost")
    func eliminationFindsDependentNeuron() throws {
        var rng = SplitMix64(seed: 7)
        var a = Matrix(rows: 50, columns: 4)
        for r in 0..<50 {
            for c in 0..<3 { a[r, c] = Float(rng.nextGaussian()) }
            a[r, 3] = 0.5 * a[r, 0] + 2 * a[r, 2] + 1
        }
        let y = DenseAlgebra.product(a, Matrix(rows: 2, columns: 4, values: [1, -1, 0.5, 2, 0.3, 0.2, -1, 1]),
                                     transposeB: true)
        var elimination = try GreedyElimination(activations: a, targets: y, ridge: 1e-9)
        elimination.eliminate(1)
        let step = try #require(elimination.steps.first)
        #expect([0, 2, 3].contains(step.neuron))
        #expect(step.relativeCost < 1e-4)
    }

    @Test("the backward pass matches finite differences")
    func gradients() throws {
        let network = try TestModels.network(widths: [4, 5, 3], seed: 21, activation: .tanh)
        let x = Matrix(rows: 1, columns: 4, values: [0.2, 0.7, 0.1, 0.9])
        let activations = try network.forwardAll(x)
        let g = try Backpropagation.outputGradients(of: network, activations: activations, labels: [1])
        // Perturb hidden neuron 2's output through its bias' effect: d loss / d a = g; compare
        // with the loss computed from a perturbed hidden vector.
        func loss(_ hidden: [Float]) -> Double {
            let w = network.layers[2].inputs[0].weights
            let z = (0..<3).map { i in Double(network.layers[2].bias[i]) + (0..<5).reduce(0.0) { $0 + Double(w[i, $1] * hidden[$1]) } }
            let m = z.max() ?? 0
            let logSum = m + log(z.reduce(0) { $0 + exp($1 - m) })
            return logSum - z[1]
        }
        let hidden = Array(activations.values[1].values)
        for j in 0..<5 {
            var up = hidden, down = hidden
            up[j] += 1e-3; down[j] -= 1e-3
            let numeric = (loss(up) - loss(down)) / 2e-3
            #expect(abs(numeric - Double(g[1][0, j])) < 1e-3)
        }
    }
}
