import CondenseCore

/// The layered weighted DAG the labeling schemes run on: a view of a ``NeuronGraph`` (the
/// one CSR structure of Condense, in both directions) without its activations.
///
/// Node `v` belongs to layer `layerOfNode[v]`; the nodes of layer `l` are
/// `layerOffsets[l] ..< layerOffsets[l + 1]`, and every edge goes to a later layer, so node
/// indices are a topological order. Built from a network's ``NeuronGraph`` in O(1) (the
/// arrays are shared), or directly from an edge list in O(V + E) (large random DAGs, which
/// would not fit dense weight matrices).
public struct LayeredDAG: Sendable {
    public let layerOffsets: [Int]
    public let layerOfNode: [Int32]
    /// Bias of every node (0 for inputs and for DAGs built from edge lists without biases).
    public let bias: [Float]
    /// Outgoing edges of `v`: `outTargets[outOffsets[v] ..< outOffsets[v + 1]]`, targets increasing.
    public let outOffsets: [Int]
    public let outTargets: [Int32]
    public let outWeights: [Float]
    /// Incoming edges of `v`: `inSources[inOffsets[v] ..< inOffsets[v + 1]]`, sources increasing.
    public let inOffsets: [Int]
    public let inSources: [Int32]
    public let inWeights: [Float]

    public var nodeCount: Int { layerOfNode.count }
    public var edgeCount: Int { outTargets.count }
    public var layerCount: Int { layerOffsets.count - 1 }

    /// The CSR of a network's neuron graph, sharing its arrays. O(1).
    public init(_ graph: NeuronGraph) {
        layerOffsets = graph.layerOffsets
        layerOfNode = graph.layerOfNode
        bias = graph.bias
        outOffsets = graph.outOffsets
        outTargets = graph.outTargets
        outWeights = graph.outWeights
        inOffsets = graph.inOffsets
        inSources = graph.inSources
        inWeights = graph.inWeights
    }

    /// The DAG of `network` (weights with `|w| <= threshold` are no edges). O(stored weights).
    public init(_ network: Network, threshold: Float = 0) {
        self.init(NeuronGraph(network, threshold: threshold))
    }

    /// A DAG from layer widths and an edge list in struct-of-arrays form (any order; no
    /// duplicate pairs), with optional biases. Throws when an edge does not go from a layer
    /// to a later one or a weight is zero or not finite. O(V + E) by counting sort.
    public init(layerWidths: [Int], sources: [Int32], targets: [Int32], weights: [Float],
                bias: [Float]? = nil) throws(CondenseError) {
        guard !layerWidths.isEmpty, layerWidths.allSatisfy({ $0 > 0 }) else {
            throw .invalidArgument("a layered DAG needs at least one layer and no empty layer")
        }
        guard sources.count == targets.count, sources.count == weights.count else {
            throw .invalidArgument("edge list arrays differ in length")
        }
        var offsets = [0]
        for w in layerWidths { offsets.append(offsets[offsets.count - 1] + w) }
        let n = offsets[offsets.count - 1]
        var layerOf = [Int32](repeating: 0, count: n)
        for l in layerWidths.indices { for v in offsets[l]..<offsets[l + 1] { layerOf[v] = Int32(l) } }
        // Validate here; the CSR is built once, by NeuronGraph.
        if let bias, bias.count != n || bias.contains(where: { !$0.isFinite }) {
            throw .invalidArgument("expected \(n) finite biases, got \(bias.count)")
        }
        for e in sources.indices {
            let s = Int(sources[e]), t = Int(targets[e])
            guard s >= 0, s < n, t >= 0, t < n, layerOf[s] < layerOf[t] else {
                throw .invalidArgument("edge \(s) -> \(t) does not go to a later layer of \(n) nodes")
            }
            guard weights[e] != 0, weights[e].isFinite else {
                throw .invalidArgument("edge \(s) -> \(t) has weight \(weights[e])")
            }
        }
        self.init(NeuronGraph(layerWidths: layerWidths, sources: sources, targets: targets, weights: weights, bias: bias))
    }

    @inlinable public func outEdges(_ v: Int) -> Range<Int> { outOffsets[v]..<outOffsets[v + 1] }
    @inlinable public func inEdges(_ v: Int) -> Range<Int> { inOffsets[v]..<inOffsets[v + 1] }
    public func outDegree(_ v: Int) -> Int { outOffsets[v + 1] - outOffsets[v] }
    public func inDegree(_ v: Int) -> Int { inOffsets[v + 1] - inOffsets[v] }
    /// Number of nodes of layer `l`.
    public func width(_ l: Int) -> Int { layerOffsets[l + 1] - layerOffsets[l] }
    /// Neuron address of node `v`.
    public func neuron(_ v: Int) -> NeuronID {
        let l = Int(layerOfNode[v])
        return NeuronID(layer: l, index: v - layerOffsets[l])
    }
}
