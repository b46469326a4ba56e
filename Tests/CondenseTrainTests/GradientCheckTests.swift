import CondenseCore
import CondenseGraph
@testable import CondenseTrain
import Testing

/// Finite-difference checks of every gradient rule: a small graph per layer kind (odd but
/// valid attributes included), the loss `L = Σ s_i · y_i` with random `s`, and every trained
/// constant's analytic gradient against central differences.
@Suite("Gradient check")
struct GradientCheckTests {
    /// A small graph: input `x` of `shape`, then `nodes`, output `y`.
    struct Case {
        var name: String
        var input: [Int]
        var nodes: [GraphNode]
        var constants: [String: GraphTensor]
        var opset = 17
    }

    static func random(_ shape: [Int], _ g: inout SplitMix64, scale: Float = 1) -> GraphTensor {
        let n = shape.reduce(1, *)
        return GraphTensor(shape: shape, floats: (0..<n).map { _ in Float.random(in: -scale...scale, using: &g) })
    }

    static func node(_ op: String, _ inputs: [String], _ output: String, _ attributes: [String: GraphNode.Attribute] = [:]) -> GraphNode {
        GraphNode(name: output, opType: op, inputs: inputs, outputs: [output], attributes: attributes)
    }

    static var cases: [Case] {
        var g = SplitMix64(seed: 7)
        var list: [Case] = []
        // Gemm in all four orientations, with alpha, beta and a broadcast C.
        for (ta, tb) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            list.append(Case(name: "Gemm transA=\(ta) transB=\(tb)", input: [3, 4], nodes: [
                node("Gemm", ["x", "w0", "b0"], "h", ["transB": .int(1)]),
                node("Gemm", ta == 1 ? ["hT", "w", "c"] : ["h", "w", "c"], "y",
                     ["transA": .int(Int64(ta)), "transB": .int(Int64(tb)), "alpha": .float(0.7), "beta": .float(1.3)]),
            ] + (ta == 1 ? [node("Transpose", ["h"], "hT")] : []),
            constants: ["w0": random([5, 4], &g), "b0": random([5], &g),
                        "w": random(tb == 1 ? [6, 5] : [5, 6], &g), "c": random([6], &g)]))
        }
        list.append(Case(name: "MatMul with Transpose(W) and bias Add, Tanh", input: [2, 3, 4], nodes: [
            node("Transpose", ["w"], "wT", ["perm": .ints([1, 0])]), node("MatMul", ["x", "wT"], "m"),
            node("Add", ["m", "b"], "a"), node("Tanh", ["a"], "y"),
        ], constants: ["w": random([5, 4], &g), "b": random([5], &g)]))
        list.append(Case(name: "batched MatMul, Sigmoid, Mul and Div", input: [2, 3, 4], nodes: [
            node("MatMul", ["x", "w"], "m"), node("Add", ["m", "b"], "a"), node("Sigmoid", ["a"], "s"),
            node("Mul", ["s", "k"], "p"), node("Div", ["p", "d"], "y"),
        ], constants: ["w": random([2, 4, 3], &g), "b": random([3], &g), "k": random([1, 3, 1], &g),
                       "d": GraphTensor(shape: [3], floats: [1.5, 2, 2.5])]))
        list.append(Case(name: "Conv pads, stride 2, dilation 2, then LeakyRelu and MaxPool with pads", input: [2, 3, 9, 9], nodes: [
            node("Conv", ["x", "w", "b"], "c", ["pads": .ints([1, 2, 2, 1]), "strides": .ints([2, 1]), "dilations": .ints([1, 2])]),
            node("LeakyRelu", ["c"], "r", ["alpha": .float(0.2)]),
            node("MaxPool", ["r"], "p", ["kernel_shape": .ints([2, 3]), "pads": .ints([0, 1, 1, 1]), "strides": .ints([2, 2])]),
            node("Flatten", ["p"], "f"), node("Gemm", ["f", "w2"], "y", ["transB": .int(1)]),
        ], constants: ["w": random([4, 3, 3, 3], &g), "b": random([4], &g), "w2": random([3, 48], &g)]))
        list.append(Case(name: "grouped Conv, SAME_UPPER, AveragePool counting pads, BatchNormalization", input: [2, 4, 6, 6], nodes: [
            node("Conv", ["x", "w"], "c", ["group": .int(2), "auto_pad": .string("SAME_UPPER")]),
            node("BatchNormalization", ["c", "s", "bb", "mean", "var"], "n", ["epsilon": .float(1e-3)]),
            node("Relu", ["n"], "r"),
            node("AveragePool", ["r"], "p", ["kernel_shape": .ints([3, 3]), "pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2]),
                                              "count_include_pad": .int(1)]),
            node("Reshape", ["p", "shape"], "f"), node("MatMul", ["f", "w2"], "y"),
        ], constants: ["w": random([6, 2, 3, 3], &g), "s": random([6], &g), "bb": random([6], &g), "mean": random([6], &g, scale: 0.1),
                       "var": GraphTensor(shape: [6], floats: [0.5, 1, 1.5, 2, 0.8, 1.2]),
                       "shape": GraphTensor(shape: [2], ints: [-1, 54]), "w2": random([54, 3], &g)]))
        list.append(Case(name: "residual Add of two convs, GlobalAveragePool, 1-D Conv", input: [2, 3, 7], nodes: [
            node("Conv", ["x", "w1", "b1"], "c1", ["pads": .ints([1, 1])]), node("Relu", ["c1"], "r1"),
            node("Conv", ["r1", "w2"], "c2", ["pads": .ints([1, 1])]), node("Conv", ["x", "w3"], "c3"),
            node("Add", ["c2", "c3"], "sum"), node("Relu", ["sum"], "r"),
            node("GlobalAveragePool", ["r"], "gp"), node("Flatten", ["gp"], "f"), node("Gemm", ["f", "w4", "b4"], "y"),
        ], constants: ["w1": random([5, 3, 3], &g), "b1": random([5], &g), "w2": random([4, 5, 3], &g),
                       "w3": random([4, 3, 1], &g), "w4": random([4, 3], &g), "b4": random([3], &g)]))
        list.append(Case(name: "Concat, Sub, ReduceMean without keepdims, Unsqueeze and Squeeze", input: [3, 4], nodes: [
            node("Gemm", ["x", "w1"], "a"), node("Gemm", ["x", "w2"], "b"), node("Concat", ["a", "b"], "c", ["axis": .int(1)]),
            node("Sub", ["c", "k"], "d"), node("Unsqueeze", ["d", "axes"], "u"), node("Squeeze", ["u", "axes"], "q"),
            node("ReduceMean", ["q"], "m", ["axes": .ints([1]), "keepdims": .int(0)]),
            node("Mul", ["m", "m"], "y"),
        ], constants: ["w1": random([4, 2], &g), "w2": random([4, 3], &g), "k": random([5], &g),
                       "axes": GraphTensor(shape: [1], ints: [1])]))
        return list
    }

    @Test("analytic gradients match central differences", arguments: cases.map(\.name))
    func check(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        var g = SplitMix64(seed: 11)
        let x = Self.random(c.input, &g)
        let graph = try ComputeGraph(nodes: c.nodes, constants: c.constants,
                                     inputs: [.init(name: "x", elementType: .float, shape: c.input)],
                                     outputs: [.init(name: "y", elementType: .float, shape: nil)], opset: c.opset)
        let parameters = TrainableParameters.find(in: graph)
        #expect(!parameters.isEmpty)
        let d = try GraphDifferentiator(graph: graph, parameters: parameters, output: "y")
        let values = graph.constants.filter { parameters.contains($0.key) }
        let tape = try d.forward(["x": x], values: values)
        let y = try #require(tape.values["y"])
        let seed = try Self.random(y.shape, &g).floats("seed")
        func loss(_ v: [String: GraphTensor]) throws -> Double {
            let out = try d.forward(["x": x], values: v).values["y"]!.floats("y")
            return zip(out, seed).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let analytic = try d.backward(tape, seed: seed, values: values)
        var worst = 0.0
        for p in parameters {
            let base = values[p]!
            let grad = try #require(analytic[p])
            #expect(grad.count == base.count, "gradient size of \(p)")
            let scale = max(1, grad.map { Double(abs($0)) }.max() ?? 0)
            for i in 0..<base.count {
                var v = values
                var plus = try base.floats(p), minus = plus
                let eps: Float = 1e-2
                plus[i] += eps
                minus[i] -= eps
                v[p] = GraphTensor(shape: base.shape, floats: plus)
                let lp = try loss(v)
                v[p] = GraphTensor(shape: base.shape, floats: minus)
                let lm = try loss(v)
                let numeric = (lp - lm) / Double(2 * eps)
                worst = max(worst, abs(numeric - Double(grad[i])) / scale)
            }
        }
        #expect(worst < 2e-2, "\(name): worst scaled difference \(worst)")
    }

    @Test("the gradient of an intermediate tensor (the Taylor criterion's input) sums to its bias's gradient")
    func tensorGradient() throws {
        let c = try #require(Self.cases.first { $0.name.hasPrefix("MatMul with Transpose") })
        var g = SplitMix64(seed: 5)
        let graph = try ComputeGraph(nodes: c.nodes, constants: c.constants, inputs: [.init(name: "x", elementType: .float, shape: c.input)],
                                     outputs: [.init(name: "y", elementType: .float, shape: nil)], opset: c.opset)
        let d = try GraphDifferentiator(graph: graph, parameters: TrainableParameters.find(in: graph), output: "y")
        let tape = try d.forward(["x": Self.random(c.input, &g)], values: [:])
        let seed = try Self.random(tape.values["y"]!.shape, &g).floats("seed")
        let (parameters, tensors) = try d.backward(tape, seed: seed, values: [:], tensors: ["a"])
        let ga = try #require(tensors["a"]), gb = try #require(parameters["b"])
        var sums = [Float](repeating: 0, count: gb.count)
        for i in ga.indices { sums[i % gb.count] += ga[i] }
        for (x, y) in zip(sums, gb) { #expect(abs(x - y) <= 1e-5 * max(1, abs(y))) }
    }

    @Test("every loss's gradient matches central differences, with and without distillation",
          arguments: [TrainingObjective.Loss.crossEntropy, .binaryCrossEntropy, .meanSquaredError])
    func lossGradient(_ loss: TrainingObjective.Loss) throws {
        var g = SplitMix64(seed: 9)
        let k = loss == .binaryCrossEntropy ? 1 : 4, batch = 5
        let y = Self.random([batch, k], &g, scale: 3)
        let labels = (0..<batch).map { $0 % (loss == .binaryCrossEntropy ? 2 : k) }
        let targets = try Self.random([batch, k], &g).floats("targets")
        let teacher = try Self.random([batch, k], &g, scale: 3).floats("teacher")
        let objective = TrainingObjective(tensor: "y", loss: loss)
        for distillation in [nil, TrainingObjective.Distillation(weight: 0.4, temperature: 2)] {
            let (_, analytic) = try objective.evaluate(y, labels: labels, targets: targets, teacher: teacher, distillation: distillation)
            let base = try y.floats("y")
            for i in base.indices {
                var plus = base, minus = base
                plus[i] += 1e-2
                minus[i] -= 1e-2
                let lp = try objective.evaluate(GraphTensor(shape: y.shape, floats: plus), labels: labels, targets: targets,
                                                teacher: teacher, distillation: distillation).loss
                let lm = try objective.evaluate(GraphTensor(shape: y.shape, floats: minus), labels: labels, targets: targets,
                                                teacher: teacher, distillation: distillation).loss
                let numeric = (lp - lm) / 2e-2
                #expect(abs(numeric - Double(analytic[i])) < 2e-3, "\(loss) \(distillation == nil ? "" : "distilled ")[\(i)]: \(numeric) vs \(analytic[i])")
            }
        }
    }

    @Test("every operator with a rule is checked by some case")
    func coverage() {
        let checked = Set(Self.cases.flatMap { $0.nodes.map(\.opType) })
        let ruled = Set(GradientRules.byOperator.keys).subtracting(["Identity", "Dropout", "Cast"])
        #expect(ruled.subtracting(checked).isEmpty, "no case for \(ruled.subtracting(checked).sorted())")
    }
}
