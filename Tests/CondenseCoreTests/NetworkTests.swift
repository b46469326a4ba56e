import CondenseCore
import Foundation
import Testing

@Suite("Network structure")
struct NetworkTests {
    @Test("LeNet-300-100 counts: neurons, edges, parameters, FLOPs")
    func counts() throws {
        var random = RandomNetworks(seed: 3)
        let network = try random.network(widths: [784, 300, 100, 10], activations: [.relu, .relu, .identity])
        #expect(network.neuronCount == 1194)
        #expect(network.hiddenNeuronCount == 400)
        #expect(network.parameterCount == 784 * 300 + 300 + 300 * 100 + 100 + 100 * 10 + 10)
        let stats = network.layerStatistics
        #expect(stats.map(\.width) == [784, 300, 100, 10])
        #expect(stats[1].flops == 2 * 784 * 300 + 300 + 300)
        #expect(stats[3].flops == 2 * 100 * 10 + 10)  // identity output: no activation cost
    }

    @Test("the CSR view holds the nonzero weights, in both directions")
    func csr() throws {
        var random = RandomNetworks(seed: 11)
        let network = try random.network(widths: [6, 5, 4, 3], activations: [.relu], skips: true, sparsity: 0.4)
        let graph = NeuronGraph(network)
        #expect(graph.nodeCount == 18)
        #expect(graph.edgeCount == network.edgeCount)
        var forward: [String: Float] = [:], backward: [String: Float] = [:]
        for v in 0..<graph.nodeCount {
            for e in graph.outEdges(v) { forward["\(v)->\(graph.outTargets[e])"] = graph.outWeights[e] }
            for e in graph.inEdges(v) { backward["\(graph.inSources[e])->\(v)"] = graph.inWeights[e] }
            #expect(graph.node(graph.neuron(v)) == v)
        }
        #expect(forward == backward)
        // Every weight of every block is an edge exactly when it is nonzero.
        for (l, layer) in network.layers.enumerated() {
            for c in layer.inputs {
                for i in 0..<layer.width {
                    for j in 0..<c.weights.columns {
                        let key = "\(graph.node(NeuronID(layer: c.source, index: j)))->\(graph.node(NeuronID(layer: l, index: i)))"
                        #expect(forward[key] == (c.weights[i, j] == 0 ? nil : c.weights[i, j]))
                    }
                }
            }
        }
    }

    @Test("removing a unit whose outgoing weights are zero keeps the outputs")
    func removeUnits() throws {
        var random = RandomNetworks(seed: 5)
        var network = try random.network(widths: [4, 6, 5, 2], activations: [.tanh], skips: true)
        for c in network.layers[3].inputs.indices where network.layers[3].inputs[c].source == 1 {
            for i in 0..<2 { network.layers[3].inputs[c].weights[i, 2] = 0 }
        }
        for i in 0..<5 { network.layers[2].inputs[0].weights[i, 2] = 0 }
        let batch = random.matrix(5, 4)
        let before = try network.forward(batch)
        network.removeUnits([2], fromLayer: 1)
        try network.validate()
        #expect(network.layers[1].width == 5)
        let after = try network.forward(batch)
        #expect(zip(before.values, after.values).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test("adding weights creates a skip connection once, then accumulates")
    func addWeights() throws {
        var random = RandomNetworks(seed: 9)
        var network = try random.network(widths: [3, 4, 2], activations: [.relu])
        let block = Matrix(rows: 2, columns: 3, repeating: 0.5)
        network.addWeights(block, from: 0, into: 2)
        network.addWeights(block, from: 0, into: 2)
        #expect(network.layers[2].inputs.count == 2)
        #expect(network.layers[2].connection(from: 0)?.weights.values == [Float](repeating: 1, count: 6))
        #expect(network.consumers(of: 0) == [1, 2])
    }

    @Test("validation names the broken shape or the non-finite weight")
    func validation() throws {
        let bad = Layer(name: "h", width: 2, bias: [0, 0], inputs: [Connection(source: 0, weights: Matrix(rows: 2, columns: 4))])
        #expect(throws: CondenseError.self) { try Network(layers: [.input(width: 3), bad]) }
        var nan = Matrix(rows: 2, columns: 3)
        nan[1, 1] = .nan
        let withNaN = Layer(name: "h", width: 2, bias: [0, 0], inputs: [Connection(source: 0, weights: nan)])
        do {
            _ = try Network(layers: [.input(width: 3), withNaN])
            Issue.record("NaN accepted")
        } catch {
            #expect(error.description.contains("NaN"))
        }
    }

    @Test("atomic writes leave no temporary file and replace the old content")
    func atomicWrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("condense-core-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("a.txt").path
        try AtomicFile.write("one", to: path)
        try AtomicFile.write("two", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.txt"])
    }
}
