import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import Foundation
import Testing

/// Condense's forward pass against ONNX Runtime on the bundled models and the MNIST test set
/// (reference outputs made by `Scripts/make_reference_outputs.py`).
@Suite("Agreement with ONNX Runtime")
struct RuntimeAgreementTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func reference() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("reference.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
    }

    @Test("same accuracy as ONNX Runtime and outputs within 1e-4", arguments: ["lenet-300-100", "sklearn-mlp-300-100"])
    func agrees(name: String) throws {
        let model = try ONNXModel.load(path: Self.root.appendingPathComponent("graphs/mnist/\(name).onnx").path)
        let dataset = try Dataset.load(path: Self.root.appendingPathComponent("graphs/mnist/data").path,
                                       scale: model.inputScale, limit: nil, split: .test)
        #expect(dataset.count == 10_000)
        let (evaluation, outputs) = try Evaluator().evaluate(model.network, inputs: dataset.inputs, labels: dataset.labels)
        let expectedAccuracy = try Self.reference()[name]!["accuracy"] as! Double
        #expect(evaluation.accuracy == expectedAccuracy)
        let ort = try NPYFile(path: Self.fixtures.appendingPathComponent("\(name).ort-first256.npy").path)
        let first = outputs.rows(0..<256)
        let difference = zip(first.values, ort.floats()).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
        #expect(difference <= 1e-4)
    }

    @Test("evaluation counts and statistics on a known network")
    func knownNetwork() throws {
        // Two inputs, identity output: y = (x0 - x1, x1 - x0); argmax is 0 exactly when x0 > x1.
        let w = Matrix(rows: 2, columns: 2, values: [1, -1, -1, 1])
        let network = try Network(layers: [.input(width: 2),
                                           Layer(name: "out", width: 2, bias: [0, 0], inputs: [Connection(source: 0, weights: w)])])
        let inputs = Matrix(rows: 4, columns: 2, values: [1, 0, 0, 1, 2, 1, 0, 3])
        let (evaluation, outputs) = try Evaluator(batchSize: 3).evaluate(network, inputs: inputs, labels: [0, 1, 0, 0])
        #expect(evaluation.correct == 3)
        #expect(evaluation.accuracy == 0.75)
        #expect(outputs.values == [1, -1, -1, 1, 1, -1, -3, 3])
        #expect(evaluation.outputStatistics.min == -3 && evaluation.outputStatistics.max == 3)
        #expect(throws: CondenseError.self) { try Evaluator().evaluate(network, inputs: inputs, labels: [0]) }
    }
}
