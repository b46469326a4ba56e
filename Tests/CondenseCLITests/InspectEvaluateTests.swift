import Foundation
import Testing

@Suite("CLI: inspect and evaluate")
struct InspectEvaluateTests {
    @Test("inspect --json on the scikit-learn MLP: three affine layers and the kept post-processing")
    func inspectSklearn() throws {
        let result = try CLIRunner.run(["inspect", "graphs/mnist/sklearn-mlp-300-100.onnx", "--json"])
        #expect(result.status == 0)
        let json = try #require(result.json)
        #expect(json["widths"] as? [Int] == [784, 300, 100, 10])
        #expect(json["affine_layers"] as? Int == 3)
        #expect(json["neurons"] as? Int == 1194)
        #expect(json["parameters"] as? Int == 266_610)
        let kept = (json["kept_operators"] as? [[String: Any]] ?? []).compactMap { $0["op_type"] as? String }
        #expect(kept == ["Cast", "Softmax", "Identity", "ArgMax", "ArrayFeatureExtractor", "Reshape", "Cast"])
    }

    @Test("inspect prints a table for people")
    func inspectTable() throws {
        let result = try CLIRunner.run(["inspect", "graphs/mnist/lenet-300-100.onnx"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("neurons 1194 (hidden 400), edges 266200"))
    }

    @Test("evaluate --json reports accuracy, statistics and timing")
    func evaluate() throws {
        let result = try CLIRunner.run(["evaluate", "graphs/mnist/lenet-300-100.onnx", "--data", "graphs/mnist/data", "--limit", "500", "--json"])
        #expect(result.status == 0)
        let evaluation = try #require(result.json?["evaluation"] as? [String: Any])
        #expect(evaluation["samples"] as? Int == 500)
        #expect((evaluation["accuracy"] as? Double ?? 0) > 0.95)
        #expect(evaluation["output_statistics"] != nil)
    }

    @Test("bad input: one error line and exit code 1", arguments: [
        ["inspect", CLIRunner.fixture("truncated.onnx")],
        ["inspect", CLIRunner.fixture("unsupported_op.onnx")],
        ["inspect", "no/such/model.onnx"],
        ["evaluate", "graphs/mnist/lenet-300-100.onnx", "--data", "no/such/data"],
        ["evaluate", "graphs/mnist/lenet-300-100.onnx", "--data", "graphs/mnist/data", "--limit", "0"],
        ["inspect", "graphs/mnist/lenet-300-100.onnx", "--no-such-flag"],
    ])
    func badInput(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("condense: error:") || $0.hasPrefix("Error:") }
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("a data set whose width does not fit the model is refused")
    func wrongWidth() throws {
        let result = try CLIRunner.run(["evaluate", CLIRunner.fixture("torch_gemm.onnx"), "--data", "graphs/mnist/data", "--limit", "10"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("784"))
    }

    @Test("--help exits 0")
    func help() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("inspect"))
    }
}
