import CondenseCore

/// Shapes, parameters and FLOPs of every node, found by running the graph on zeros with
/// batch sizes 1 and 2: an axis that follows the batch is symbolic (`nil`). Conv FLOPs
/// count by output size (2 · M · C/g · kH · kW · oH · oW per sample). O(two forward passes).
public struct GraphProfile: Sendable, Codable {
    public struct NodeProfile: Sendable, Codable {
        public var index: Int
        public var name: String
        public var opType: String
        public var domain: String
        /// Output shapes with `nil` for the batch axis.
        public var outputShapes: [[Int?]]
        /// Elements of the node's constant inputs (weights, biases, BN statistics).
        public var parameters: Int
        /// Multiply-adds times two, per sample (Gemm, MatMul, Conv).
        public var flops: Int

        enum CodingKeys: String, CodingKey {
            case index, name, domain, parameters, flops
            case opType = "op_type"
            case outputShapes = "output_shapes"
        }
    }

    public var nodes: [NodeProfile]

    public init(graph: ComputeGraph, features: Int) throws(CondenseError) {
        let executor = GraphExecutor(graph: graph)
        let targets = graph.nodes.flatMap { $0.outputs.filter { !$0.isEmpty } }
        func shapes(_ batch: Int) throws(CondenseError) -> [String: GraphTensor] {
            try executor.run(batch: Matrix(rows: batch, columns: features), targets: targets)
        }
        let one = try shapes(1), two = try shapes(2)
        nodes = graph.nodes.enumerated().map { i, node in
            let outs: [[Int?]] = node.outputs.filter { !$0.isEmpty }.map { name in
                guard let a = one[name]?.shape, let b = two[name]?.shape, a.count == b.count else { return one[name]?.shape ?? [] }
                return zip(a, b).map { $0 == $1 ? $0 : nil }
            }
            let parameters = node.inputs.reduce(0) { $0 + (graph.constants[$1].map { $0.elementType.isFloatingPoint ? $0.count : 0 } ?? 0) }
            var flops = 0
            switch node.domain.isEmpty ? node.opType : "" {
            case "Gemm", "MatMul":
                if let out = one[node.outputs[0]], let w = node.input(1).flatMap({ one[$0] ?? graph.constants[$0] }), w.rank >= 2 {
                    let k = node.opType == "Gemm" && (try? node.int("transB", 0)) == 1 ? w.shape[1] : w.shape[w.rank - 2]
                    flops = 2 * out.count * k
                }
            case "Conv":
                if let out = one[node.outputs[0]], let w = node.input(1).flatMap({ one[$0] ?? graph.constants[$0] }) {
                    flops = 2 * out.count * w.shape.dropFirst().reduce(1, *)
                }
            default: break
            }
            return NodeProfile(index: i, name: node.displayName, opType: node.opType, domain: node.domain,
                               outputShapes: outs, parameters: parameters, flops: flops)
        }
    }
}
