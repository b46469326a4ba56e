import CondenseGraph
import Foundation

/// One operator case made by `Scripts/make_operator_fixtures.py`: a small ONNX graph, its
/// inputs and ONNX Runtime's outputs.
struct OperatorFixture {
    let name: String
    let op: String
    let caseDescription: String
    let path: String
    let inputs: [String: GraphTensor]
    let outputs: [String: GraphTensor]

    static var directory: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    /// Every fixture in the folder, by name.
    static func all() throws -> [OperatorFixture] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        return try names.map(OperatorFixture.init)
    }

    init(_ name: String) throws {
        self.name = name
        path = Self.directory.appendingPathComponent("\(name).onnx").path
        let data = try Data(contentsOf: Self.directory.appendingPathComponent("\(name).json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        op = json["op"] as! String
        caseDescription = json["case"] as! String
        func tensors(_ key: String) -> [String: GraphTensor] {
            (json[key] as! [String: [String: Any]]).mapValues { entry in
                let shape = entry["shape"] as! [Int]
                let values = entry["values"] as! [NSNumber]
                switch entry["dtype"] as! String {
                case "int64": return GraphTensor(shape: shape, ints: values.map(\.int64Value))
                case "bool": return GraphTensor(shape: shape, ints: values.map(\.int64Value), elementType: .bool)
                case "float64": return GraphTensor(shape: shape, floats: values.map(\.floatValue), elementType: .double)
                default: return GraphTensor(shape: shape, floats: values.map(\.floatValue))
                }
            }
        }
        inputs = tensors("inputs")
        outputs = tensors("outputs")
    }
}
