import CondenseCollapse
import CondenseCore
import Foundation
import Testing

@Suite("Exact collapse rules")
struct RuleTests {
    let onBox = ExactCollapseOptions(domain: 0...1)

    @Test func deadEndsCascadeBackwardsInOnePass() throws {
        // Layer 2 neuron 1 has no outgoing weight; layer 1 neuron 2 only feeds it.
        let network = try Network(layers: [
            .input(width: 2),
            TestNetworks.dense([[1, -1], [-1, 1], [0.5, 0.5]], bias: [0, 0, 0], from: 0),
            TestNetworks.dense([[1, 1, 0], [0, 0, 2]], bias: [0, 0], from: 1),
            TestNetworks.dense([[1, 0]], bias: [0], from: 2, activation: .identity),
        ])
        let result = try ExactCollapse(options: .init(rules: [.deadEnd])).run(network)
        #expect(result.fates.map(\.neuron) == [NeuronID(layer: 1, index: 2), NeuronID(layer: 2, index: 1)])
        #expect(result.fates.allSatisfy { $0.rule == .deadEnd })
        #expect(result.survivors == [[0, 1], [0, 1], [0], [0]])
        #expect(try TestNetworks.relativeChange(network, result.network) == 0)
    }

    @Test func constantsFoldIntoTheNextBiases() throws {
        // Neuron 1 of layer 1 has no input: relu(0.7) = 0.7 goes into layer 2's biases;
        // then layer 2's neuron 1 reads only it and becomes constant too.
        let network = try Network(layers: [
            .input(width: 2),
            TestNetworks.dense([[1, -1], [0, 0]], bias: [0.1, 0.7], from: 0),
            TestNetworks.dense([[1, 2], [0, -3]], bias: [0.2, 0.5], from: 1, activation: .tanh),
            TestNetworks.dense([[1, 1]], bias: [0], from: 2, activation: .identity),
        ])
        let result = try ExactCollapse(options: .init(rules: [.constant])).run(network)
        #expect(result.removedByRule[.constant] == 2)
        #expect(result.fate(of: NeuronID(layer: 1, index: 1))?.evidence["output"].map { abs($0 - 0.7) < 1e-6 } == true)
        #expect(result.after.widths == [2, 1, 1, 1])
        #expect(try TestNetworks.relativeChange(network, result.network) < 1e-6)
    }

    /// 2 inputs -> 3 ReLUs (0: stably active on [0, 1]^2, 1: dead, 2: unstable) -> 4
    /// unstable ReLUs -> 1. Folding neuron 0 frees 7 parameters and needs a 4 x 2 skip block.
    func stableNetwork() throws -> Network {
        try Network(layers: [
            .input(width: 2),
            TestNetworks.dense([[1, 1], [1, 1], [1, -1]], bias: [0.5, -3, 0], from: 0),
            TestNetworks.dense([[1, 1, -2], [-1, 1, 1], [1, 1, 1], [-1, 1, 2]], bias: [-0.5, 1, -1.5, 0.5], from: 1),
            TestNetworks.dense([[1, -1, 1, 1]], bias: [0], from: 2, activation: .identity),
        ], inputDomain: 0...1)
    }

    @Test func stableNeuronsAreRemovedOrFoldedThroughASkipConnection() throws {
        let network = try stableNetwork()
        let generous = ExactCollapseOptions(maxParameterGrowth: 2)
        let result = try ExactCollapse(options: generous).run(network)
        let linear = try #require(result.fate(of: NeuronID(layer: 1, index: 0)))
        let dead = try #require(result.fate(of: NeuronID(layer: 1, index: 1)))
        #expect(linear.rule == .stableLinear && linear.evidence["lower"] == 0.5 && linear.evidence["upper"] == 2.5)
        #expect(dead.rule == .stableDead && dead.evidence["upper"] == -1)
        #expect(result.network.layers[2].connection(from: 0) != nil, "the fold needs a skip block from the input")
        #expect(result.domain?.uniformRange == 0...1)
        #expect(try TestNetworks.relativeChange(network, result.network) < 1e-6)
    }

    @Test func theParameterBudgetRefusesAFoldThatGrowsTheNetwork() throws {
        let network = try stableNetwork()
        let result = try ExactCollapse(options: ExactCollapseOptions(maxParameterGrowth: 1)).run(network)
        #expect(result.fate(of: NeuronID(layer: 1, index: 0)) == nil)
        #expect(result.fate(of: NeuronID(layer: 1, index: 1))?.rule == .stableDead)
        #expect(result.declinedFolds.first?.neurons == [NeuronID(layer: 1, index: 0)])
        #expect(result.after.parameters <= result.before.parameters)
        #expect(result.network.layers[2].inputs.count == 1)
    }

    @Test func foldingIntoAnExistingSkipBlockCostsNothing() throws {
        var network = try stableNetwork()
        network.addWeights(Matrix(rows: 4, columns: 2, repeating: 0.25), from: 0, into: 2)
        let result = try ExactCollapse(options: ExactCollapseOptions(maxParameterGrowth: 1)).run(network)
        #expect(result.fate(of: NeuronID(layer: 1, index: 0))?.rule == .stableLinear)
        #expect(result.after.parameters < result.before.parameters)
        #expect(try TestNetworks.relativeChange(network, result.network) < 1e-6)
    }

    @Test func withoutADomainStabilityIsSkipped() throws {
        var network = try stableNetwork()
        network.inputDomain = nil
        let result = try ExactCollapse().run(network)
        #expect(result.fates.isEmpty && result.domain == nil)
    }

    @Test func aLayerAlwaysKeepsOneUnit() throws {
        let network = try Network(layers: [
            .input(width: 2),
            TestNetworks.dense([[1, 1], [2, 1]], bias: [-5, -6], from: 0),
            TestNetworks.dense([[1, 1]], bias: [0.3], from: 1, activation: .identity),
        ])
        let result = try ExactCollapse(options: onBox).run(network)
        #expect(result.after.widths == [2, 1, 1])
        #expect(try TestNetworks.relativeChange(network, result.network) == 0)
    }

    @Test func deadLeakyReluIsFoldedWithSlopeAlpha() throws {
        let network = try Network(layers: [
            .input(width: 2),
            TestNetworks.dense([[1, 1], [1, -1], [-1, 1], [1, 0.5]], bias: [-3, 0, 0.1, 0], from: 0,
                               activation: .leakyRelu(alpha: 0.1)),
            TestNetworks.dense([[1, 1, 1, 1]], bias: [0], from: 1, activation: .identity),
        ])
        let result = try ExactCollapse(options: onBox).run(network)
        let fate = try #require(result.fate(of: NeuronID(layer: 1, index: 0)))
        #expect(fate.rule == .stableLinear && fate.evidence["slope"].map { abs($0 - 0.1) < 1e-7 } == true)
        #expect(try TestNetworks.relativeChange(network, result.network) < 1e-6)
    }

    @Test func badOptionsAreRejectedWithOneLine() throws {
        let network = try stableNetwork()
        for options in [ExactCollapseOptions(tolerance: -1), .init(maxParameterGrowth: 0), .init(maxPasses: 0),
                        .init(domain: -Float.infinity...0)] {
            #expect(throws: CondenseError.self) { try ExactCollapse(options: options).run(network) }
        }
    }

    @Test func certificateUsesStableSnakeCaseKeys() throws {
        let network = try stableNetwork()
        let options = ExactCollapseOptions(maxParameterGrowth: 2)
        let result = try ExactCollapse(options: options).run(network)
        let certificate = try result.certificate(original: network, options: options, randomPoints: 50,
                                                 data: TestNetworks.points(network, count: 10))
        let json = String(decoding: try JSONEncoder().encode(certificate), as: UTF8.self)
        for key in ["removed_by_rule", "max_abs_change", "max_relative_change", "random_points", "seconds_by_rule",
                    "hidden_neurons", "max_parameter_growth", "declined_folds", "prediction_agreement"] {
            #expect(json.contains("\"\(key)\""), "missing \(key)")
        }
        #expect(certificate.removed.count == 2 && certificate.removedByRule["stable_dead"] == 1)
        #expect(certificate.data?.samples == 10 && certificate.randomPoints.samples == 50)
        #expect(certificate.randomPoints.maxRelativeChange < 1e-6)
        let options2 = try JSONDecoder().decode(ExactCollapseOptions.self, from: JSONEncoder().encode(options))
        #expect(options2 == options)
        #expect(json.contains("\"rules\":[\"constant\",\"dead_end\",\"equivalent\",\"stable\"]"))
    }
}
