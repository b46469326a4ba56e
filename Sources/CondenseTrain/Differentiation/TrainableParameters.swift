import CondenseCore
import CondenseGraph

/// The constants fine-tuning trains: the weights and biases of every unit layer, that is the
/// kernels and biases of `Conv` and `Gemm`, the constant operand of `MatMul` (also when it is
/// read through `Transpose`, `Identity` or `Reshape`), a constant `Add`ed right after a
/// `MatMul`, `Gemm` or `Conv` (its bias), and the scale and shift of `BatchNormalization`.
/// Pre- and post-processing constants (a scaler's offsets, a normalising `Sub`/`Div`, shape
/// tensors) are not trained, so the structure and the data pipeline never change. O(nodes).
public enum TrainableParameters {
    public static func find(in graph: ComputeGraph) -> [String] {
        var found: [String] = [], seen = Set<String>()
        func take(_ name: String?) {
            guard let name, let t = graph.constants[name], t.isFloat, seen.insert(name).inserted else { return }
            found.append(name)
        }
        /// The constant behind `name`, through weight-only reshaping nodes.
        func constant(behind name: String) -> String? {
            if graph.constants[name] != nil { return name }
            guard let p = graph.producer[name] else { return nil }
            let node = graph.nodes[p]
            guard ["Transpose", "Identity", "Reshape"].contains(node.opType), node.domain.isEmpty,
                  let source = node.input(0), graph.constants[source] != nil else { return nil }
            return source
        }
        let layerOps: Set<String> = ["MatMul", "Gemm", "Conv"]
        for node in graph.nodes where node.domain.isEmpty {
            switch node.opType {
            case "Gemm", "Conv":
                take(node.input(1).flatMap(constant(behind:)))
                take(node.input(2))
            case "MatMul":
                take(node.input(0).flatMap(constant(behind:)))
                take(node.input(1).flatMap(constant(behind:)))
            case "BatchNormalization":
                take(node.input(1))
                take(node.input(2))
            case "Add":
                for (mine, other) in [(0, 1), (1, 0)] {
                    if let c = node.input(mine), graph.constants[c] != nil, let o = node.input(other),
                       let p = graph.producer[o], layerOps.contains(graph.nodes[p].opType) {
                        take(c)
                    }
                }
            default: break
            }
        }
        return found
    }
}
