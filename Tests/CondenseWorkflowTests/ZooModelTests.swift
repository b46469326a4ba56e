import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import CondenseWorkflow
import Foundation
import Testing

/// The models of `graphs/zoo` (made by scikit-learn and by hand in PyTorch's export styles,
/// `graphs/zoo/make_zoo.py`): the whole graph is evaluated as ONNX Runtime evaluates it, and
/// exact simplification keeps every output on the model's domain and on the data.
/// (The tests run from the package root, where `swift test` runs.)
@Suite("Models made outside Condense")
struct ZooModelTests {
    static let names = ["sklearn-pipeline", "sklearn-binary", "sigmoid-binary", "sklearn-regressor", "subdiv-mlp", "dropout-mlp",
                        "transpose-matmul", "gemm-skip", "identity-residual"]

    static func model(_ name: String) throws -> (ONNXModel, Dataset, NPZFile) {
        let model = try ONNXModel.load(path: "graphs/zoo/\(name).onnx")
        let data = try Dataset.load(path: "graphs/zoo/\(name).npz", scale: model.inputScale)
        return (model, data, try NPZFile(path: "graphs/zoo/\(name).npz"))
    }

    @Test("evaluate: the scored output and the metric equal ONNX Runtime's", arguments: names)
    func evaluate(_ name: String) throws {
        let (model, data, npz) = try Self.model(name)
        let (report, outputs) = try ModelEvaluator().evaluate(model, inputs: data.inputs, labels: data.labels,
                                                              targets: data.targets)
        let reference = try npz.array("ort_\(outputs.scoreName)").floats()
        #expect(reference.count == outputs.scores.values.count)
        let scale = max(1, reference.map(abs).max() ?? 0)
        let difference = zip(reference, outputs.scores.values).map { abs($0 - $1) }.max() ?? 0
        #expect(difference <= 1e-4 * scale, "\(name): max |difference| \(difference)")
        switch report.task {
        case .classify:
            // ORT's predictions: its label output, else the argmax (or threshold) of its scores.
            let predicted: [Int]
            if let label = outputs.labelName {
                predicted = try npz.array("ort_\(label)").integers().map { Int($0) }
            } else {
                let m = Matrix(rows: outputs.scores.rows, columns: outputs.scores.columns, values: reference)
                predicted = m.columns == 1 ? reference.map { $0 >= 0.5 ? 1 : 0 } : m.argmaxRows
            }
            let labels = try #require(data.labels)
            let ortAccuracy = Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
            #expect(report.accuracy == ortAccuracy, "\(name): \(report.accuracy ?? -1) against ORT's \(ortAccuracy)")
        case .regress:
            #expect(name == "sklearn-regressor")
            let targets = try #require(data.targets)
            let mse = zip(reference, targets).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +) / Double(targets.count)
            #expect(abs((report.meanSquaredError ?? -1) - mse) <= 1e-4 * mse)
        }
    }

    @Test("exact simplification keeps the whole graph's outputs on the domain and the data", arguments: names)
    func exact(_ name: String) throws {
        let (model, data, _) = try Self.model(name)
        let domain = try ModelDomain.resolve(model)
        #expect(domain != nil, "\(name) states its domain")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zoo-\(name)-\(UUID()).onnx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try ExactSimplification(domain: domain, randomPoints: 500).run(model, writingTo: path, data: data)
        let checks = [outcome.wholeGraph.randomPoints, outcome.wholeGraph.data, outcome.wholeGraph.exportRoundTrip]
        for check in checks {
            let c = try #require(check)
            #expect(c.maxRelativeChange <= 1e-5, "\(name): \(c)")
        }
    }

    @Test("the domain is the model's input: Sub/Div normalisation widens the box the unit layers see")
    func normalisedDomain() throws {
        let (model, _, _) = try Self.model("subdiv-mlp")
        let domain = try #require(try ModelDomain.resolve(model, range: 0...1))
        // (x - mean) / std on [0, 1]: the core's box is not [0, 1] where std < 1 or mean > 0.
        #expect(domain.modelBox.uniformRange == 0...1)
        #expect(domain.coreBox.uniformRange == nil)
        #expect(zip(domain.coreBox.lower, domain.coreBox.upper).contains { $0 < -0.5 || $1 > 1.5 })
    }
}
