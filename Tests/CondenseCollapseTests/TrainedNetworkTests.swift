import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseONNX
import Testing

/// Exact collapse on trained networks and real data: a 2x100 MNIST MLP trained with L1
/// (`papers/exact-collapse/models/mlp-2x100-l1.onnx`) and the bundled LeNet-300-100.
/// Runs from the package root, as `swift test` does.
@Suite("Exact collapse on trained networks and MNIST")
struct TrainedNetworkTests {
    static let mnist = "graphs/mnist/data"

    /// The stable neurons an exact MILP proves on this network (`milp-mlp-2x100-l1.json`):
    /// 11 + 13 stably dead, 12 stably active in layer 2 (folded into the output), 8 stably
    /// active in layer 1 (kept: folding them would add a 784 x 100 skip block).
    @Test func l1NetworkLosesItsProvenlyStableNeuronsAndKeepsItsOutputs() throws {
        let model = try ONNXModel.load(path: "papers/exact-collapse/models/mlp-2x100-l1.onnx")
        let test = try Dataset.load(path: Self.mnist, scale: model.inputScale, limit: 2000)
        let options = ExactCollapseOptions(domain: 0...1)
        let result = try ExactCollapse(options: options).run(model.network)
        #expect(result.removedByRule[.stableDead] == 24)
        #expect(result.removedByRule[.stableLinear] == 12)
        #expect(result.after.widths == [784, 89, 75, 10])
        #expect(result.declinedFolds.flatMap(\.neurons).count == 8)
        let certificate = try result.certificate(original: model.network, options: options, randomPoints: 500,
                                                 data: test.inputs)
        #expect(certificate.randomPoints.maxRelativeChange <= 1e-5)
        #expect(try #require(certificate.data).maxRelativeChange <= 1e-5)
        #expect(try #require(certificate.data).predictionAgreement == 1)
    }

    /// A larger parameter budget folds the first-layer neurons too, still exactly.
    @Test func aParameterBudgetFoldsTheFirstLayerThroughASkipConnection() throws {
        let model = try ONNXModel.load(path: "papers/exact-collapse/models/mlp-2x100-l1.onnx")
        let test = try Dataset.load(path: Self.mnist, scale: model.inputScale, limit: 1000)
        let options = ExactCollapseOptions(domain: 0...1, maxParameterGrowth: 2)
        let result = try ExactCollapse(options: options).run(model.network)
        #expect(result.network.hiddenNeuronCount == 200 - 44)
        #expect(result.network.layers.contains { $0.inputs.count > 1 })  // a skip connection
        let certificate = try result.certificate(original: model.network, options: options, randomPoints: 300,
                                                 data: test.inputs)
        #expect(certificate.randomPoints.maxRelativeChange <= 1e-5)
        #expect(try #require(certificate.data).maxRelativeChange <= 1e-5)
    }

    /// Plain training leaves nothing provably redundant on [0, 1]^784: no rule may fire.
    @Test func lenetHasNoProvablyRedundantNeuron() throws {
        let model = try ONNXModel.load(path: "graphs/mnist/lenet-300-100.onnx")
        let result = try ExactCollapse(options: ExactCollapseOptions(domain: 0...1)).run(model.network)
        #expect(result.fates.isEmpty)
        #expect(result.network == model.network)
    }
}
