import CondenseApproximate
import CondenseCore
import CondenseData
import CondenseEval
import CondenseGraph
import CondenseONNX
@testable import CondenseTrain
import CondenseWorkflow
import Foundation
import Testing

/// Fine-tuning on real exports: a damaged network recovers on a small part of MNIST, the
/// structure and the pre- and post-processing never change, the best validation epoch is
/// kept, and the written model is read back and runs.
@Suite("Fine-tuning")
struct FineTuningTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ p: String) -> String { root.appendingPathComponent(p).path }

    static func data(_ split: Dataset.Split, _ n: Int) throws -> Dataset {
        try Dataset.load(path: path("graphs/mnist/data"), limit: n, split: split)
    }

    /// LeNet-300-100 with 80 % of its hidden neurons pruned by L1 norm without compensation.
    static func damaged() throws -> ONNXModel {
        let model = try ONNXModel.load(path: path("graphs/mnist/lenet-300-100.onnx"))
        let collapse = ApproximateUnitCollapse(criterion: .l1, compensation: .none, fraction: 0.8, layerKinds: [.neurons])
        return try UnitSimplification(collapse: collapse).run(model, calibration: nil, data: nil).model
    }

    @Test("a damaged dense network recovers, and nothing but the weights changes")
    func recovers() throws {
        let model = try Self.damaged()
        let train = try Self.data(.train, 4000), test = try Self.data(.test, 1000)
        var tuning = FineTuning(epochs: 2)
        tuning.optimizer = .sgd
        tuning.learningRate = 0.05
        let outcome = try FineTuneJob(tuning: tuning).run(model, train: train, test: test)
        let before = try #require(outcome.metricBefore), after = try #require(outcome.metricAfter)
        #expect(before < 0.6, "the damage should be large, accuracy \(before)")
        #expect(after > 0.85, "fine-tuning should recover, accuracy \(before) -> \(after)")
        #expect(outcome.result.bestEpoch >= 1)
        #expect(outcome.result.history.count == 3)
        #expect(outcome.result.trainingSamples == 3600 && outcome.result.validationSamples == 400)
        // Same nodes, same constant names and shapes: only values changed.
        #expect(outcome.model.graph.nodes.map(\.opType) == model.graph.nodes.map(\.opType))
        #expect(Set(outcome.model.graph.constants.keys) == Set(model.graph.constants.keys))
        for (name, t) in model.graph.constants { #expect(outcome.model.graph.constants[name]?.shape == t.shape) }
        // The validation metric of the kept epoch is the best of the history.
        let best = outcome.result.history.compactMap(\.validationMetric).max()
        #expect(outcome.result.history[outcome.result.bestEpoch].validationMetric == best)
    }

    @Test("a scikit-learn pipeline keeps its scaler: only the MLP's weights train")
    func pipeline() throws {
        let model = try ONNXModel.load(path: Self.path("graphs/mnist/sklearn-pipeline.onnx"))
        let parameters = TrainableParameters.find(in: model.graph)
        let scalerInputs = Set(model.graph.nodes.filter { $0.opType == "Scaler" || $0.opType == "Sub" || $0.opType == "Div" }
            .flatMap(\.inputs))
        #expect(!parameters.isEmpty)
        #expect(scalerInputs.isDisjoint(with: parameters))
        let objective = try TrainingObjective.find(in: model.graph, classify: true)
        #expect(objective.loss == .crossEntropy)
        #expect(model.graph.producer[objective.tensor].map { model.graph.nodes[$0].opType } != "Softmax")
        var tuning = FineTuning(epochs: 1)
        tuning.learningRate = 1e-4
        let train = try Self.data(.train, 1000), test = try Self.data(.test, 500)
        let outcome = try FineTuneJob(tuning: tuning).run(model, train: train, test: test)
        let scalers = { (m: ONNXModel) in m.graph.nodes.filter { $0.domain == "ai.onnx.ml" }.map(\.opType) }
        #expect(scalers(outcome.model) == scalers(model))
        for name in scalerInputs { #expect(outcome.model.graph.constants[name] == model.graph.constants[name]) }
        #expect((outcome.metricAfter ?? 0) > 0.85)
    }

    @Test("a convolutional network with a residual Add trains, and its export runs")
    func convolutional() throws {
        let model = try ONNXModel.load(path: Self.path("graphs/fashion/resnet8-bn.onnx"))
        let train = try Dataset.load(path: Self.path("graphs/fashion/data"), limit: 256, split: .train)
        var tuning = FineTuning(epochs: 1)
        tuning.validationFraction = 0
        tuning.batchSize = 32
        let result = try tuning.run(model.graph, data: train, classify: true)
        #expect(result.bestEpoch == 1)
        let changed = model.graph.constants.filter { result.graph.constants[$0.key] != $0.value }.map(\.key)
        #expect(!changed.isEmpty)
        // BatchNormalization's running statistics are not trained.
        for node in model.graph.nodes where node.opType == "BatchNormalization" {
            for i in 3...4 { #expect(!changed.contains(node.inputs[i])) }
        }
        let bytes = try model.exportData(graph: result.graph)
        let reloaded = try ONNXModel(data: bytes)
        let probe = train.inputs.rowSlice(0..<8)
        let direct = try GraphExecutor(graph: result.graph).run(batch: probe)
        let read = try GraphExecutor(graph: reloaded.graph).run(batch: probe)
        #expect(direct == read)
    }

    @Test("a scikit-learn regressor trains on the mean squared error and its R² recovers")
    func regressor() throws {
        let model = try ONNXModel.load(path: Self.path("graphs/zoo/sklearn-regressor.onnx"))
        let data = try Dataset.load(path: Self.path("graphs/zoo/sklearn-regressor.npz"))
        #expect(try FineTuneJob.task(of: model, data: data) == .regress)
        let collapse = ApproximateUnitCollapse(criterion: .l1, compensation: .none, fraction: 0.5, layerKinds: [.neurons])
        let damaged = try UnitSimplification(collapse: collapse).run(model, calibration: nil, data: nil).model
        var tuning = FineTuning(epochs: 200)
        tuning.validationFraction = 0
        tuning.batchSize = 20
        tuning.learningRate = 0.01
        let outcome = try FineTuneJob(tuning: tuning).run(damaged, train: data, test: data)
        #expect(outcome.result.objective.loss == .meanSquaredError)
        let before = try #require(outcome.metricBefore), after = try #require(outcome.metricAfter)
        #expect(after > before + 0.05, "R² \(before) -> \(after)")
    }

    @Test("a single sigmoid column trains on the logistic loss of its logit")
    func sigmoid() throws {
        let model = try ONNXModel.load(path: Self.path("graphs/zoo/sigmoid-binary.onnx"))
        let data = try Dataset.load(path: Self.path("graphs/zoo/sigmoid-binary.npz"))
        var tuning = FineTuning(epochs: 5)
        tuning.validationFraction = 0.2
        let outcome = try FineTuneJob(tuning: tuning).run(model, train: data, test: data)
        #expect(outcome.result.objective.loss == .binaryCrossEntropy)
        #expect(model.graph.producer[outcome.result.objective.tensor].map { model.graph.nodes[$0].opType } != "Sigmoid")
        #expect((outcome.metricAfter ?? 0) >= (outcome.metricBefore ?? 1))
    }

    @Test("the same seed gives the same weights; another seed, others")
    func seeded() throws {
        let model = try Self.damaged()
        let train = try Self.data(.train, 600)
        var tuning = FineTuning(epochs: 1)
        tuning.validationFraction = 0.2
        let a = try tuning.run(model.graph, data: train, classify: true)
        let b = try tuning.run(model.graph, data: train, classify: true)
        tuning.seed = 1
        let c = try tuning.run(model.graph, data: train, classify: true)
        let names = TrainableParameters.find(in: model.graph)
        #expect(names.allSatisfy { a.graph.constants[$0] == b.graph.constants[$0] })
        #expect(!names.allSatisfy { a.graph.constants[$0] == c.graph.constants[$0] })
    }

    @Test("iterative steps with an accuracy budget stop before the budget is exceeded")
    func budget() throws {
        let model = try ONNXModel.load(path: Self.path("graphs/mnist/lenet-300-100.onnx"))
        let train = try Self.data(.train, 1500), calibration = try Self.data(.train, 300)
        var tuning = FineTuning(epochs: 1)
        tuning.validationFraction = 0.3
        var plan = FineTunedSimplification(
            simplification: UnitSimplification(collapse: ApproximateUnitCollapse(criterion: .condense, compensation: .leastSquares,
                                                                                 fraction: 0, layerKinds: [.neurons])),
            tuning: tuning)
        plan.schedule = .iterative
        let found = try #require(try plan.smallest(model, calibration: calibration, train: train, test: nil, maxDrop: 1.0, stepFraction: 0.3))
        #expect(found.fraction >= 0.3 - 1e-9)
        #expect(found.outcome.steps.count == Int((found.fraction / 0.3).rounded()))
        var probe = tuning
        probe.epochs = 0
        let baseline = try #require(try probe.run(model.graph, data: train, classify: true).history[0].validationMetric)
        let last = try #require(found.outcome.steps.last?.validation)
        #expect(100 * (baseline - last) <= 1.0)
        // The written model has the structure of the last step.
        #expect(found.outcome.after.units == found.outcome.steps.last?.units)
    }

    @Test("a model whose loss path has an operator without a gradient is refused by name")
    func refusal() throws {
        var g = SplitMix64(seed: 3)
        let w = GraphTensor(shape: [4, 3], floats: (0..<12).map { _ in Float.random(in: -1...1, using: &g) })
        let graph = try ComputeGraph(
            nodes: [GraphNode(name: "mm", opType: "MatMul", inputs: ["x", "w"], outputs: ["h"]),
                    GraphNode(name: "odd", opType: "Softmax", inputs: ["h"], outputs: ["s"]),
                    GraphNode(name: "out", opType: "Gemm", inputs: ["s", "w2"], outputs: ["y"])],
            constants: ["w": w, "w2": GraphTensor(shape: [3, 2], floats: [1, 0, 0, 1, 1, 1])],
            inputs: [.init(name: "x", elementType: .float, shape: [nil, 4])], outputs: [.init(name: "y", elementType: .float, shape: nil)],
            opset: 17)
        #expect(throws: CondenseError.self) { try GraphDifferentiator(graph: graph, parameters: ["w", "w2"], output: "y") }
        do {
            _ = try GraphDifferentiator(graph: graph, parameters: ["w", "w2"], output: "y")
        } catch {
            #expect("\(error)".contains("'odd'") && "\(error)".contains("Softmax"))
        }
    }
}
