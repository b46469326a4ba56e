import CondenseCore
import CondenseONNX
import Foundation
import Testing

@Suite("ONNX export")
struct ExportTests {
    @Test("a round trip with no change gives the same network and outputs", arguments: FixtureCase.validNames)
    func roundTrip(name: String) throws {
        let fixture = try FixtureCase(name)
        let model = try ONNXModel.load(path: fixture.modelURL.path)
        let again = try ONNXModel(data: model.exportData(network: model.network))
        #expect(again.network.layers == model.network.layers)
        #expect(again.keptOperators.map(\.opType) == model.keptOperators.map(\.opType))
        #expect(try again.network.forward(fixture.input) == model.network.forward(fixture.input))
    }

    @Test("a smaller network is written into the original graph", arguments: ["torch_gemm", "torch_matmul", "sklearn_mlp", "constant_nodes"])
    func removesNeurons(name: String) throws {
        let model = try ONNXModel.load(path: FixtureCase(name).modelURL.path)
        var smaller = model.network
        smaller.removeUnits([0], fromLayer: 1)
        let reloaded = try ONNXModel(data: model.exportData(network: smaller))
        #expect(reloaded.network.layers == smaller.layers)
        #expect(reloaded.keptOperators.map(\.opType) == model.keptOperators.map(\.opType))
    }

    @Test("skip connections are exported and read back")
    func skipConnections() throws {
        let fixture = try FixtureCase("torch_gemm")
        let model = try ONNXModel.load(path: fixture.modelURL.path)
        var network = model.network
        let w = network.layers
        var skip = Matrix(rows: w[3].width, columns: w[1].width)
        for i in skip.values.indices { skip.values[i] = Float(i % 7) * 0.1 - 0.3 }
        network.addWeights(skip, from: 1, into: 3)
        var fromInput = Matrix(rows: w[2].width, columns: w[0].width)
        for i in fromInput.values.indices { fromInput.values[i] = Float(i % 5) * 0.05 }
        network.addWeights(fromInput, from: 0, into: 2)
        let reloaded = try ONNXModel(data: model.exportData(network: network))
        #expect(reloaded.network.layers == network.layers)
        // Exporting the re-imported model again patches the existing skip branches.
        network.removeUnits([1], fromLayer: 2)
        let twice = try ONNXModel(data: reloaded.exportData(network: network))
        #expect(twice.network.layers == network.layers)
        let a = try twice.network.forward(fixture.input), b = try network.forward(fixture.input)
        #expect(a.maxAbsDifference(b) == 0)
    }

    @Test("a standalone model for a network built in code")
    func standalone() throws {
        let fixture = try FixtureCase("gemm_attrs")
        let network = try ONNXModel.load(path: fixture.modelURL.path).network
        let model = try ONNXModel(network: network)
        let reloaded = try ONNXModel(data: model.exportData(network: network))
        #expect(reloaded.network.layers == network.layers)
    }

    @Test("export writes atomically and never touches the input")
    func atomicWrite() throws {
        let source = FixtureCase.directory.appendingPathComponent("torch_gemm.onnx")
        let before = try Data(contentsOf: source)
        let model = try ONNXModel.load(path: source.path)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("condense-\(UUID().uuidString)/out.onnx")
        try model.write(network: model.network, to: out.path)
        #expect(try Data(contentsOf: source) == before)
        #expect(try ONNXModel.load(path: out.path).network.layers == model.network.layers)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(leftovers == ["out.onnx"])
    }

    @Test("a network of the wrong input width is refused")
    func wrongWidth() throws {
        let model = try ONNXModel.load(path: FixtureCase("torch_gemm").modelURL.path)
        let other = try ONNXModel.load(path: FixtureCase("gemm_attrs").modelURL.path)
        #expect(throws: CondenseError.self) { try model.exportData(network: other.network) }
    }
}
