import FuzzSupport
import CondenseCore
import CondenseGraph
import CondenseONNX

/// libFuzzer target: the ONNX importer with graph validation (`ComputeGraph`, the dry run
/// that checks shapes), the core extraction and the unit DAG. Any input must end in a
/// model or a `CondenseError`, never a trap.
enum FuzzONNX: FuzzTarget {
    static func test(_ bytes: [UInt8]) {
        guard let model = try? ONNXModel(data: .init(bytes), source: "fuzz") else { return }
        _ = try? UnitGraph(graph: model.graph, features: model.inputFeatures)
        _ = model.nodeTreatments
    }
}
