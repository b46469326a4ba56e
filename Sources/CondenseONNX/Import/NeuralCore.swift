/// Where the neural core sits inside an ONNX graph: the chain of affine layers
/// and element-wise activations that becomes a Condense ``CondenseCore/Network``.
/// Every node outside it is kept as it is and written back unchanged on export.
struct NeuralCore: Sendable {
    /// How one layer of the network is spelled in the graph.
    struct LayerBinding: Sendable {
        var affineNode: Int
        var affineOperator: AffineOperator
        /// An `Add` with a constant right after the affine node (MatMul + Add), if any.
        var biasAddNode: Int?
        /// The activation node, if any.
        var activationNode: Int?
        var elementType: TensorElementType
        /// Existing skip branches into this layer: source layer -> its `MatMul` or `Gemm` node.
        var skipMatMuls: [Int: Int] = [:]
        /// A `BatchNormalization` after the affine node, folded into its weights (an `Identity` on export).
        var batchNormNode: Int?
        /// Output of the affine node (or of its bias `Add`): the pre-activation tensor.
        var preActivationTensor: String
        /// Output of the layer (after the activation).
        var outputTensor: String
    }

    /// The data tensor the first affine node reads.
    var inputTensor: String
    var layers: [LayerBinding]
    /// Indices of the nodes that belong to the core.
    var nodes: Set<Int>
    /// The `Softmax` / `LogSoftmax` node right after the core, if any (kept in the graph).
    var outputTransformNode: Int?

    var outputTensor: String { layers[layers.count - 1].outputTensor }
}

