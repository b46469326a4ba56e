import CondenseCore
import Foundation

/// A fixture model made by `Scripts/make_fixtures.py`, with ONNX Runtime's outputs.
struct FixtureCase {
    let name: String
    let modelURL: URL
    let expected: [String: Any]

    static var directory: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    static let validNames = [
        "torch_gemm", "torch_matmul", "sklearn_mlp", "gemm_attrs", "flatten_input", "reshape_input",
        "double_weights", "constant_nodes",
    ]

    init(_ name: String) throws {
        self.name = name
        modelURL = Self.directory.appendingPathComponent("\(name).onnx")
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).expected.json"))
        expected = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The fixture's random input rows, flattened to `[N, features]`.
    var input: Matrix {
        let rows = (expected["input"] as! [Any]).map { Self.flatten($0) }
        return Matrix(rows: rows.count, columns: rows[0].count, values: rows.flatMap { $0 })
    }

    /// ONNX Runtime's values of the primary (float) output.
    var expectedOutput: Matrix {
        let outputs = expected["outputs"] as! [String: Any]
        let rows = (outputs[expected["primary_output"] as! String] as! [Any]).map { Self.flatten($0) }
        return Matrix(rows: rows.count, columns: rows[0].count, values: rows.flatMap { $0 })
    }

    var coreWidths: [Int] { expected["core_widths"] as! [Int] }
    var activations: [String] { expected["activations"] as! [String] }
    var outputTransform: String { expected["output_transform"] as! String }
    var keptOperators: [String] { expected["kept_operators"] as! [String] }

    private static func flatten(_ value: Any) -> [Float] {
        if let n = value as? NSNumber { return [n.floatValue] }
        return (value as! [Any]).flatMap { flatten($0) }
    }
}
