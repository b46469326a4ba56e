import CondenseCore
import CondenseONNX
import Foundation
import Testing

@Suite("ONNX import")
struct ImportTests {
    @Test("each export style imports and computes ONNX Runtime's outputs", arguments: FixtureCase.validNames)
    func importsAndMatchesRuntime(name: String) throws {
        let fixture = try FixtureCase(name)
        let model = try ONNXModel.load(path: fixture.modelURL.path)
        let network = model.network
        #expect(network.layers.map(\.width) == fixture.coreWidths)
        #expect(network.layers.dropFirst().map { $0.activation.name.prefix { $0 != "(" } } .map(String.init) == fixture.activations)
        #expect(network.outputTransform.rawValue == fixture.outputTransform)
        let transformOperators: Set<String> = ["Softmax", "LogSoftmax"]
        #expect(model.keptOperators.map(\.opType).filter { !transformOperators.contains($0) } == fixture.keptOperators)
        let output = try network.forward(fixture.input)
        let scale = max(1, fixture.expectedOutput.maxAbs)
        #expect(output.maxAbsDifference(fixture.expectedOutput) <= 1e-5 * scale)
    }

    @Test("scikit-learn post-processing is listed as kept, with its domain")
    func sklearnKeepsPostProcessing() throws {
        let model = try ONNXModel.load(path: FixtureCase("sklearn_mlp").modelURL.path)
        #expect(model.keptOperators.contains { $0.opType == "ArrayFeatureExtractor" && $0.domain == "ai.onnx.ml" })
        #expect(model.network.layers.dropFirst().map(\.inputs.count) == [1, 1, 1])
    }

    @Test("LeakyRelu keeps its alpha; Gemm alpha, beta and transB are folded into the weights")
    func gemmAttributes() throws {
        let network = try ONNXModel.load(path: FixtureCase("gemm_attrs").modelURL.path).network
        #expect(network.layers[1].activation == .leakyRelu(alpha: 0.2))
    }
}

extension Matrix {
    func maxAbsDifference(_ other: Matrix) -> Float {
        zip(values, other.values).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}
