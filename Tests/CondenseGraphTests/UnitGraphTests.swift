import CondenseCore
import CondenseGraph
import CondenseONNX
import Testing

/// Units (neurons and channels), their DAG and coupling groups, derived from whole graphs.
@Suite("Unit DAG of a whole graph")
struct UnitGraphTests {
    static func units(_ path: String) throws -> (ONNXModel, UnitGraph) {
        let model = try ONNXModel.load(path: path)
        return (model, try UnitGraph(graph: model.graph, features: model.inputFeatures))
    }

    @Test("on an MLP the unit DAG is the network's own neuron graph")
    func mlpMatchesNetwork() throws {
        let (model, units) = try Self.units("graphs/mnist/lenet-300-100.onnx")
        let expected = NeuronGraph(model.network)
        let got = units.neuronGraph
        #expect(units.layers.map(\.width) == [784, 300, 100, 10])
        #expect(got.layerOffsets == expected.layerOffsets)
        #expect(got.inOffsets == expected.inOffsets && got.inSources == expected.inSources)
        #expect(zip(got.inWeights, expected.inWeights).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($1)) })
        #expect(got.outTargets == expected.outTargets)
        #expect(zip(got.bias, expected.bias).allSatisfy { abs($0 - $1) <= 1e-6 })
        #expect(units.couplingGroups.isEmpty)
    }

    @Test("LeNet-5: channels of both convolutions, Flatten maps each channel to its 25 features")
    func lenet5() throws {
        for path in ["graphs/mnist/lenet5.onnx", "graphs/mnist/lenet5-dynamo.onnx"] {
            let (_, units) = try Self.units(path)
            #expect(units.layers.map(\.kind) == [.input, .channels, .channels, .neurons, .neurons, .neurons], "\(path)")
            #expect(units.layers.map(\.width) == [1, 6, 16, 120, 84, 10])
            #expect(units.layers[1].kernel == [5, 5] && units.layers[1].activation == .relu)
            // Edges: 1x6 + 6x16 kernels, 16 channels x 120 (each the norm of 25 weights), then dense.
            #expect(units.edgeCount == 6 + 96 + 16 * 120 + 120 * 84 + 84 * 10)
            let graph = units.neuronGraph
            #expect(graph.nodeCount == 1 + 6 + 16 + 120 + 84 + 10)
            #expect(graph.outWeights.allSatisfy { $0.isFinite && $0 != 0 })
        }
    }

    @Test("ResNet-8: each residual Add couples the layers it joins; BN folded or not gives the same units")
    func resnetCoupling() throws {
        var previous: UnitGraph?
        for path in ["graphs/fashion/resnet8.onnx", "graphs/fashion/resnet8-bn.onnx"] {
            let (_, units) = try Self.units(path)
            #expect(units.layers.map(\.width) == [1, 16, 16, 16, 32, 32, 32, 64, 64, 64, 10], "\(path)")
            #expect(units.couplingGroups.map(\.layers) == [[1, 3], [5, 6], [8, 9]], "\(path)")
            if let previous {
                // The same trained model: BatchNormalization folded by the exporter or by Condense.
                #expect(previous.edgeCount == units.edgeCount)
                #expect(zip(previous.weights, units.weights).allSatisfy { abs($0 - $1) <= 1e-3 * max(1, abs($1)) })
                let b0 = previous.layers.flatMap(\.bias), b1 = units.layers.flatMap(\.bias)
                #expect(zip(b0, b1).allSatisfy { abs($0 - $1) <= 1e-3 * max(1, abs($1)) })
            }
            previous = units
        }
    }

    @Test("an identity residual couples its two layers; a skip projection couples the branches it adds")
    func denseCoupling() throws {
        let (_, residual) = try Self.units("graphs/zoo/identity-residual.onnx")
        #expect(residual.couplingGroups.map(\.layers) == [[1, 2]])
        #expect(residual.layers[3].sourceLayers == [1, 2])
        let (_, skip) = try Self.units("graphs/zoo/gemm-skip.onnx")
        // Gemm(h1) + Gemm(x): the two branch layers are coupled.
        #expect(skip.layers.map(\.width) == [64, 32, 32, 32, 10])
        #expect(skip.couplingGroups.map(\.layers) == [[2, 3]])
    }

    @Test("a graph without unit layers is refused")
    func noUnits() throws {
        let graph = try ComputeGraph(
            nodes: [GraphNode(name: "r", opType: "Relu", inputs: ["x"], outputs: ["y"])], constants: [:],
            inputs: [.init(name: "x", elementType: .float, shape: [nil, 3])], outputs: [.init(name: "y", elementType: .float, shape: nil)],
            opset: 17)
        #expect(throws: CondenseError.self) { _ = try UnitGraph(graph: graph, features: 3) }
    }
}
