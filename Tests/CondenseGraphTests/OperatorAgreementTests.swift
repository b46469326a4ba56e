import CondenseCore
import CondenseGraph
import CondenseONNX
import Foundation
import Testing

/// Every operator the executor runs, against ONNX Runtime on committed fixtures
/// (`Scripts/make_operator_fixtures.py`). Prints the table of the largest difference per operator.
@Suite("Operators against ONNX Runtime")
struct OperatorAgreementTests {
    /// Relative to the output's scale: |a - b| <= tolerance * max(1, max |b|).
    static let tolerance: Float = 1e-5

    @Test("each fixture's outputs match ONNX Runtime's", arguments: try! OperatorFixture.all().map(\.name))
    func fixture(_ name: String) throws {
        let fixture = try OperatorFixture(name)
        let graph = try ComputeGraph.load(onnxPath: fixture.path)
        let produced = try GraphExecutor(graph: graph).run(fixture.inputs)
        for (output, expected) in fixture.outputs {
            let got = try #require(produced[output], "\(name): output \(output) missing")
            #expect(got.shape == expected.shape, "\(name): shape \(got.shape) against ORT's \(expected.shape)")
            let difference = try Self.maxDifference(got, expected)
            let scale = max(1, try expected.floats("expected").map(abs).max() ?? 0)
            #expect(difference <= Self.tolerance * scale, "\(name) (\(fixture.op), \(fixture.caseDescription)): max |diff| \(difference)")
        }
    }

    @Test("every operator the executor runs has a fixture; the table of differences")
    func coverageAndTable() throws {
        let fixtures = try OperatorFixture.all()
        var worst: [String: (Float, Int)] = [:]
        for fixture in fixtures {
            let graph = try ComputeGraph.load(onnxPath: fixture.path)
            let produced = try GraphExecutor(graph: graph).run(fixture.inputs)
            for (output, expected) in fixture.outputs {
                let d = try Self.maxDifference(try #require(produced[output]), expected)
                let (w, n) = worst[fixture.op] ?? (0, 0)
                worst[fixture.op] = (max(w, d), n + 1)
            }
        }
        let required = OperatorSupport.onnxOperators.subtracting(["Shape", "Gather"]).union(OperatorSupport.mlOperators)
        let missing = required.subtracting(worst.keys)
        #expect(missing.isEmpty, "operators without a fixture: \(missing.sorted())")
        print("operator | cases | max |difference| against ONNX Runtime")
        for (op, (d, n)) in worst.sorted(by: { $0.key < $1.key }) { print("\(op) | \(n) | \(d)") }
    }

    static func maxDifference(_ a: GraphTensor, _ b: GraphTensor) throws -> Float {
        let x = try a.floats("got"), y = try b.floats("expected")
        guard x.count == y.count else { return .infinity }
        return zip(x, y).map { abs($0 - $1) }.max() ?? 0
    }
}
