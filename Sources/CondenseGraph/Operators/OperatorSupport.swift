import CondenseCore

/// Which operators the ``GraphExecutor`` runs, and the checks made on each node when a
/// graph is loaded, so that a model Condense cannot run is refused before anything runs.
public enum OperatorSupport {
    /// Operators of the default ONNX domain.
    public static let onnxOperators: Set<String> = [
        "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Identity",
        "Dropout", "Softmax", "LogSoftmax", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Concat",
        "Cast", "Constant", "BatchNormalization", "Conv", "MaxPool", "AveragePool", "GlobalAveragePool",
        "ReduceMean", "ArgMax", "Shape", "Gather",
    ]
    /// Operators of `ai.onnx.ml` (scikit-learn's pre- and post-processing).
    public static let mlOperators: Set<String> = ["Scaler", "Normalizer", "ArrayFeatureExtractor", "ZipMap"]

    /// Every supported operator, for messages.
    public static var list: String {
        (onnxOperators.sorted() + mlOperators.sorted().map { "ai.onnx.ml.\($0)" }).joined(separator: ", ")
    }

    /// Refuses `node` when its operator is not run by Condense or an attribute is out of range.
    static func check(_ node: GraphNode, opset: Int) throws(CondenseError) {
        let known: Bool
        switch node.domain {
        case "": known = onnxOperators.contains(node.opType)
        case "ai.onnx.ml": known = mlOperators.contains(node.opType)
        default: known = false
        }
        guard known else {
            let domain = node.domain.isEmpty ? "" : " (domain \(node.domain))"
            throw node.fail("Condense does not run this operator\(domain); it runs \(list)")
        }
        for (key, value) in node.attributes {
            if case .unsupported(let kind) = value { throw node.fail("attribute '\(key)' is a \(kind), which Condense does not read") }
            if case .float(let f) = value, !f.isFinite { throw node.fail("attribute '\(key)' is \(f); it must be finite") }
            if case .floats(let fs) = value, let f = fs.first(where: { !$0.isFinite }) {
                throw node.fail("attribute '\(key)' holds \(f); it must be finite")
            }
        }
        switch node.opType {
        case "Gemm":
            for key in ["transA", "transB"] {
                let v = try node.int(key, 0)
                guard v == 0 || v == 1 else { throw node.fail("\(key) = \(v); it must be 0 or 1") }
            }
            _ = try node.float("alpha", 1)
            _ = try node.float("beta", 1)
            guard node.input(0) != nil, node.input(1) != nil else { throw node.fail("inputs A and B are required") }
        case "MatMul", "Add", "Sub", "Mul", "Div":
            guard node.inputs.count == 2, node.input(0) != nil, node.input(1) != nil else { throw node.fail("needs two inputs") }
        case "LeakyRelu":
            _ = try node.float("alpha", 0.01)
        case "Conv":
            guard node.input(0) != nil, node.input(1) != nil else { throw node.fail("inputs X and W are required") }
            try checkWindowAttributes(node)
            let group = try node.int("group", 1)
            guard group >= 1 else { throw node.fail("group = \(group); it must be at least 1") }
        case "MaxPool", "AveragePool":
            guard let k = try node.ints("kernel_shape"), !k.isEmpty else { throw node.fail("kernel_shape is required") }
            try checkWindowAttributes(node)
            if node.opType == "MaxPool", node.outputs.count > 1, !node.outputs[1].isEmpty {
                throw node.fail("the Indices output is not supported")
            }
            if try node.int("storage_order", 0) != 0 { throw node.fail("storage_order = 1 is not supported") }
        case "BatchNormalization":
            guard node.inputs.count >= 5 else { throw node.fail("needs X, scale, B, mean and var") }
            if try node.int("training_mode", 0) != 0 { throw node.fail("training_mode = 1; Condense runs inference") }
            if node.outputs.dropFirst().contains(where: { !$0.isEmpty }) {
                throw node.fail("running mean and variance outputs are for training; Condense runs inference")
            }
            let epsilon = try node.float("epsilon", 1e-5)
            guard epsilon >= 0 else { throw node.fail("epsilon = \(epsilon); it must not be negative") }
        case "Dropout":
            if node.inputs.count >= 3, node.input(2) != nil {
                // training_mode must be a constant false; checked when it runs.
            }
        case "Cast":
            let to = try node.int("to", 0)
            guard let type = ElementType(rawValue: Int32(truncatingIfNeeded: to)), type != .string else {
                throw node.fail("cast to element type \(to) is not supported")
            }
        case "Normalizer":
            let norm = try node.string("norm", "MAX")
            guard ["MAX", "L1", "L2"].contains(norm) else { throw node.fail("norm '\(norm)'; expected MAX, L1 or L2") }
        case "ZipMap":
            let ints = try node.ints("classlabels_int64s"), strings = try node.strings("classlabels_strings")
            if ints == nil && strings == nil {
                throw node.fail("needs classlabels_int64s or classlabels_strings")
            }
        default:
            break
        }
    }

    private static func checkWindowAttributes(_ node: GraphNode) throws(CondenseError) {
        let autoPad = try node.string("auto_pad", "NOTSET")
        guard ["NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"].contains(autoPad) else {
            throw node.fail("auto_pad '\(autoPad)'; expected NOTSET, SAME_UPPER, SAME_LOWER or VALID")
        }
        for key in ["strides", "dilations"] {
            if let v = try node.ints(key), let bad = v.first(where: { $0 < 1 || $0 > 1 << 16 }) {
                throw node.fail("\(key) holds \(bad); each must be between 1 and 65536")
            }
        }
        if let pads = try node.ints("pads"), let bad = pads.first(where: { $0 < 0 || $0 > 1 << 16 }) {
            throw node.fail("pads holds \(bad); each must be between 0 and 65536")
        }
        if let k = try node.ints("kernel_shape"), let bad = k.first(where: { $0 < 1 || $0 > 1 << 16 }) {
            throw node.fail("kernel_shape holds \(bad)")
        }
    }
}
