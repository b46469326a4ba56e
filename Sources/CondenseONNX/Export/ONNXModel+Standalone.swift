import CondenseCore

extension ONNXModel {
    /// A model built from scratch for `network` (for synthetic networks that have no
    /// original ONNX file): input `input` `[N, in]` float32, one `Gemm` (`transB=1`) and
    /// activation per layer, `Softmax`/`LogSoftmax` if the network has one, output `output`,
    /// opset 13. Skip connections are added by the same patch that export uses.
    public init(network: Network) throws(CondenseError) {
        var graph = Onnx_GraphProto()
        graph.name = "condense"
        graph.input = [Self.valueInfo("input", width: network.inputWidth)]
        var current = "input"
        for l in 1..<network.layers.count {
            let layer = network.layers[l]
            let w = layer.inputs[0].weights
            let name = layer.name.isEmpty ? "layer\(l)" : layer.name
            graph.initializer.append(.make(name: "\(name).weight", dims: [w.rows, w.columns], values: w.values, elementType: .float))
            graph.initializer.append(.make(name: "\(name).bias", dims: [layer.width], values: layer.bias, elementType: .float))
            var gemm = Onnx_NodeProto()
            gemm.opType = "Gemm"
            gemm.name = name
            gemm.input = [current, "\(name).weight", "\(name).bias"]
            gemm.output = ["\(name)/z"]
            var transB = Onnx_AttributeProto()
            transB.name = "transB"
            transB.type = .int
            transB.i = 1
            gemm.attribute = [transB]
            graph.node.append(gemm)
            current = gemm.output[0]
            if let op = layer.activation.onnxOperator {
                var act = Onnx_NodeProto()
                act.opType = op
                act.name = "\(name)/\(op.lowercased())"
                act.input = [current]
                act.output = ["\(name)/a"]
                if case .leakyRelu(let alpha) = layer.activation { act.setFloat("alpha", alpha) }
                graph.node.append(act)
                current = act.output[0]
            }
        }
        let transformOperator: String? = switch network.outputTransform {
        case .none: nil
        case .softmax: "Softmax"
        case .logSoftmax: "LogSoftmax"
        }
        if let op = transformOperator {
            var node = Onnx_NodeProto()
            node.opType = op
            node.name = op.lowercased()
            node.input = [current]
            node.output = ["output"]
            var axis = Onnx_AttributeProto()
            axis.name = "axis"
            axis.type = .int
            axis.i = -1
            node.attribute = [axis]
            graph.node.append(node)
        } else {
            graph.node[graph.node.count - 1].output[0] = "output"
        }
        graph.output = [Self.valueInfo("output", width: network.outputWidth)]
        var model = Onnx_ModelProto()
        model.irVersion = 8
        model.producerName = "condense"
        var opset = Onnx_OperatorSetIdProto()
        opset.version = 13
        model.opsetImport = [opset]
        model.graph = graph
        if let domain = network.inputDomain {
            var entry = Onnx_StringStringEntryProto()
            entry.key = "condense.input_domain"
            entry.value = "\(domain.lowerBound),\(domain.upperBound)"
            model.metadataProps = [entry]
        }
        var skeleton = network
        for l in skeleton.layers.indices { skeleton.layers[l].inputs = Array(skeleton.layers[l].inputs.prefix(1)) }
        let base = try ONNXModel(proto: model)
        if network.layers.allSatisfy({ $0.inputs.count <= 1 }) {
            self = base
        } else {
            self = try ONNXModel(data: base.exportData(network: network), source: "generated model")
        }
    }

    /// A float32 `[N, width]` tensor declaration with a symbolic batch dimension.
    static func valueInfo(_ name: String, width: Int) -> Onnx_ValueInfoProto {
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "N"
        var features = Onnx_TensorShapeProto.Dimension()
        features.dimValue = Int64(width)
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = TensorElementType.float.rawValue
        tensor.shape.dim = [batch, features]
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type.tensorType = tensor
        return info
    }
}
