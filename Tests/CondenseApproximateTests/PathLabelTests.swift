import CondenseApproximate
import CondenseCore
import CondenseLabels
import Testing

/// The error bounds' path norms are path labels: for a ReLU network, `P_m[i, o]` is the
/// path-norm semiring value from neuron `i` of layer `m` to output `o`, which the hub
/// labels answer from two labels alone.
@Suite("Error bounds from path labels")
struct PathLabelTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func pathNormsEqualHubLabelAnswers(_ seed: UInt64) throws {
        let network = try TestModels.network(widths: [12, 20, 16, 9, 4], seed: seed)
        let survivors = network.layers.map { Array(0..<$0.width) }
        let analysis = try ErrorBoundAnalysis(original: network, simplified: network, survivors: survivors)
        let dag = LayeredDAG(network)
        let labels = HubLabeling<PathNorm>(graph: dag)
        let last = network.layers.count - 1, outputs = network.outputWidth
        for m in network.hiddenLayers {
            for i in 0..<network.layers[m].width {
                for o in 0..<outputs {
                    let dp = analysis.pathNorms[m][i * outputs + o]
                    let label = labels.query(dag.layerOffsets[m] + i, dag.layerOffsets[last] + o)
                    #expect(abs(dp - label) <= 1e-9 * max(1, dp), "L\(m):\(i) -> output \(o): \(dp) vs \(label)")
                }
            }
        }
    }
}
