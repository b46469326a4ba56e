import CondenseCore
import CondenseONNX
import Foundation
import Testing

@Suite("Bad ONNX input")
struct BadInputTests {
    static let cases: [(String, String)] = [
        ("truncated.onnx", "truncated"),
        ("not_onnx.onnx", "not an ONNX"),
        ("unsupported_op.onnx", "Elu"),
        ("mismatched_shapes.onnx", "shape"),
        ("nan_weights.onnx", "NaN"),
        ("absurd_size.onnx", "declared"),
    ]

    @Test("each bad file gives one clear error", arguments: cases)
    func clearError(file: String, expected: String) throws {
        let path = FixtureCase.directory.appendingPathComponent(file).path
        do {
            _ = try ONNXModel.load(path: path)
            Issue.record("\(file) loaded without an error")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("\n"))
            #expect(error.isUserError)
        }
    }

    @Test("the fixture list matches the script's bad_fixtures.json")
    func listMatchesScript() throws {
        let data = try Data(contentsOf: FixtureCase.directory.appendingPathComponent("bad_fixtures.json"))
        let table = try JSONSerialization.jsonObject(with: data) as! [String: String]
        #expect(Dictionary(uniqueKeysWithValues: Self.cases) == table)
    }

    @Test("missing files, directories and empty data are refused")
    func missingAndEmpty() {
        #expect(throws: CondenseError.self) { try ONNXModel.load(path: "/nonexistent/model.onnx") }
        #expect(throws: CondenseError.self) { try ONNXModel.load(path: FixtureCase.directory.path) }
        #expect(throws: CondenseError.self) { try ONNXModel(data: Data()) }
        #expect(throws: CondenseError.self) { try ONNXModel(data: Data(repeating: 0xFF, count: 64)) }
    }
}
