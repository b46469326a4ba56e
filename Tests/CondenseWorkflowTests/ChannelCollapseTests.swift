import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseGraph
import CondenseONNX
import CondenseWorkflow
import Foundation
import Testing

/// Exact channel collapse on the whole graph: the planted residual CNN of `graphs/planted`
/// (built by hand with onnx.helper, `make_planted_channels.py`) loses exactly its planted
/// channels, and unit reductions applied to real exports keep every graph runnable.
@Suite("Channel collapse")
struct ChannelCollapseTests {
    static let planted = "graphs/planted/planted-channels.onnx"

    @Test("every planted channel is found, nothing else, and the outputs stay")
    func planted() throws {
        let model = try ONNXModel.load(path: Self.planted)
        let domain = try #require(try ModelDomain.resolve(model, range: 0...1))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID()).onnx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try ExactSimplification(domain: domain, randomPoints: 500).run(model, writingTo: path)
        let units = try #require(outcome.units)
        func found(_ layer: String, _ rule: UnitFate.Rule) -> [Int] {
            units.fates.filter { $0.layer == layer && $0.rule == rule }.map(\.unit).sorted()
        }
        #expect(found("conv1", .constant) == [2, 3])
        #expect(found("conv1", .proportional) == [5, 6])
        #expect(found("conv1", .deadEnd) == [7])
        // The coupled channel goes from conv2 and conv4 together (one fate, the other layer listed).
        let coupled = units.fates.filter { $0.layer != "conv1" }
        #expect(coupled.count == 1)
        #expect(coupled.first?.unit == 5 && coupled.first?.rule == .constant)
        #expect(Set(coupled.first.map { [$0.layer] + $0.coupled } ?? []) == ["conv2", "conv4"])
        #expect(units.widthsAfter["conv1"] == 3 && units.widthsAfter["conv2"] == 5 && units.widthsAfter["conv4"] == 5)
        let merges = units.fates.filter { $0.rule == .proportional }.map { [$0.unit, $0.into ?? -1] }.sorted { $0[0] < $1[0] }
        #expect(merges == [[5, 1], [6, 0]])
        let change = try #require(outcome.wholeGraph.randomPoints)
        #expect(change.maxRelativeChange <= 1e-5)
        let readBack = try #require(outcome.wholeGraph.exportRoundTrip)
        #expect(readBack.maxRelativeChange <= 1e-6)
    }

    @Test("without a domain the rules that need one find nothing they cannot prove")
    func plantedWithoutDomain() throws {
        let model = try ONNXModel.load(path: Self.planted)
        let r = try UnitCollapse().run(model.graph, features: model.inputFeatures)
        // Dead channels need the domain; the zero kernel, the copies and the dead end do not.
        let rules = Dictionary(grouping: r.fates, by: \.rule).mapValues(\.count)
        #expect(rules[.proportional] == 2)
        #expect(rules[.deadEnd] == 1)
        #expect(!r.fates.contains { $0.layer == "conv1" && $0.unit == 2 })
    }

    @Test("removing channels rewrites Conv, BN, Reshape and Gemm consistently", arguments: [
        "graphs/mnist/lenet5.onnx", "graphs/mnist/lenet5-dynamo.onnx", "graphs/fashion/resnet8.onnx", "graphs/fashion/resnet8-bn.onnx",
    ])
    func reductionKeepsGraphsRunnable(_ path: String) throws {
        let model = try ONNXModel.load(path: path)
        let units = try UnitGraph(graph: model.graph, features: model.inputFeatures)
        var reduction = UnitReduction(units: units)
        var changed = 0
        for (l, layer) in units.layers.enumerated() where layer.pinned == nil && units.coupledLayers(l).first == l {
            for k in stride(from: 0, to: layer.width, by: 3) { reduction.remove(k, ofLayer: l, in: units) }
            changed += 1
        }
        #expect(changed >= 2)
        let reduced = try model.graph.applying(reduction, units: units)
        try reduced.checkShapesByDryRun()
        let reloaded = try ONNXModel(data: model.exportData(graph: reduced))
        let x = RandomPoints.uniform(count: 8, box: InputBox(uniform: 0...1, width: model.inputFeatures), seed: 3)
        let a = try ModelEvaluator().outputs(of: reloaded, on: x).scores
        #expect(a.rows == 8 && a.columns == 10)
        let after = try UnitGraph(graph: reloaded.graph, features: model.inputFeatures)
        #expect(after.unitCount < units.unitCount)
    }

    @Test("a reduction that splits a coupling group or touches a pinned layer is refused")
    func refusals() throws {
        let model = try ONNXModel.load(path: "graphs/fashion/resnet8.onnx")
        let units = try UnitGraph(graph: model.graph, features: model.inputFeatures)
        let group = try #require(units.couplingGroups.first)
        var split = UnitReduction(units: units)
        split.kept[group.layers[0]][0] = false
        #expect(throws: CondenseError.self) { try model.graph.applying(split, units: units) }
        let last = units.layers.count - 1
        #expect(units.layers[last].pinned != nil)
        var pinned = UnitReduction(units: units)
        pinned.kept[last][0] = false
        #expect(throws: CondenseError.self) { try model.graph.applying(pinned, units: units) }
    }
}

/// Approximate unit collapse: the same fraction of every removable layer, coupling
/// respected, every criterion runnable, least squares better than none, and the written
/// model read back identical to the collapsed graph.
@Suite("Approximate unit collapse")
struct ApproximateUnitCollapseTests {
    static func data(_ folder: String, calibration: Int, test: Int, model: ONNXModel) throws -> (Dataset, Dataset) {
        (try Dataset.load(path: folder, scale: model.inputScale, limit: calibration, split: .train),
         try Dataset.load(path: folder, scale: model.inputScale, limit: test, split: .test))
    }

    @Test("every criterion removes the same fraction of every removable layer", arguments: UnitCriterion.allCases)
    func fractions(_ criterion: UnitCriterion) throws {
        let model = try ONNXModel.load(path: "graphs/mnist/lenet5.onnx")
        let (calibration, _) = try Self.data("graphs/mnist/data", calibration: 200, test: 10, model: model)
        let collapse = ApproximateUnitCollapse(criterion: criterion, compensation: .none, fraction: 0.5)
        let r = try collapse.run(model.graph, features: model.inputFeatures, calibration: calibration.inputs)
        // conv 6 -> 3, conv 16 -> 8, fc 120 -> 60, fc 84 -> 42; the output layer stays.
        #expect(r.widths.map(\.after) == [3, 8, 60, 42, 10])
        #expect(r.unitsBefore == 226 && r.unitsAfter == 113)
        try r.graph.checkShapesByDryRun()
    }

    @Test("a sweep row carries the change measured on the domain and, for a dense model, a bound never below it")
    func sweepBound() throws {
        let model = try ONNXModel.load(path: "graphs/fashion/lenet-300-100.onnx")
        let (calibration, test) = try Self.data("graphs/fashion/data", calibration: 500, test: 300, model: model)
        var sweep = UnitSweep(fractions: [0.5], methods: [try UnitSweep.Method.named("l1+ls"), try UnitSweep.Method.named("random")])
        sweep.checkPoints = 200
        let result = try sweep.run(model, calibration: calibration, test: test)
        for row in result.rows {
            let measured = try #require(row.measuredChange), bound = try #require(row.bound)
            #expect(measured > 0 && bound >= measured, "\(row.method): measured \(measured), bound \(bound)")
        }
        #expect(result.markdown.contains("bound on the whole domain"))
        // A convolutional model gets the measured change and no bound.
        let conv = try ONNXModel.load(path: "graphs/mnist/lenet5.onnx")
        let (c2, t2) = try Self.data("graphs/mnist/data", calibration: 200, test: 100, model: conv)
        var small = UnitSweep(fractions: [0.5], methods: [try UnitSweep.Method.named("l1")])
        small.checkPoints = 50
        let row = try #require(try small.run(conv, calibration: c2, test: t2).rows.first)
        #expect(row.measuredChange != nil && row.bound == nil)
    }

    @Test("--epsilon: the largest fraction whose bound on the output change stays within it; refused with convolutions")
    func epsilon() throws {
        let model = try ONNXModel.load(path: "graphs/fashion/lenet-300-100.onnx")
        let (calibration, _) = try Self.data("graphs/fashion/data", calibration: 300, test: 10, model: model)
        let domain = try #require(try ModelDomain.resolve(model))
        let job = UnitSimplification(collapse: ApproximateUnitCollapse(criterion: .l1, compensation: .leastSquares, fraction: 0))
        let found = try #require(try job.largestFraction(model, calibration: calibration, data: nil, domain: domain, epsilon: 5000))
        #expect(found.bound <= 5000 && found.fraction > 0)
        #expect(try job.largestFraction(model, calibration: calibration, data: nil, domain: domain, epsilon: 1e-3) == nil)
        let conv = try ONNXModel.load(path: "graphs/mnist/lenet5.onnx")
        #expect(throws: CondenseError.self) {
            try job.largestFraction(conv, calibration: calibration, data: nil, domain: try #require(try ModelDomain.resolve(conv)), epsilon: 1)
        }
    }

    @Test("least-squares compensation beats none, and the exported model reads back as collapsed")
    func compensation() throws {
        let model = try ONNXModel.load(path: "graphs/mnist/lenet5.onnx")
        let (calibration, test) = try Self.data("graphs/mnist/data", calibration: 500, test: 1000, model: model)
        var results: [UnitCompensation: Double] = [:]
        for compensation in UnitCompensation.allCases {
            let job = UnitSimplification(collapse: ApproximateUnitCollapse(criterion: .l1, compensation: compensation, fraction: 0.5))
            let o = try job.run(model, calibration: calibration, data: test)
            results[compensation] = try #require(o.metricAfter)
            #expect((o.exportRoundTrip?.maxRelativeChange ?? 1) <= 1e-6)
            #expect(o.after.parameters < o.before.parameters && o.after.flops < o.before.flops)
            let fates = try #require(try o.model.unitFates())
            #expect(fates.count == 113)
        }
        #expect(results[.leastSquares]! > results[.none]! + 0.1)
        #expect(results[.leastSquares]! > 0.95)
    }

    @Test("coupled channels go together on the ResNet, and the residual stream can be kept whole")
    func coupling() throws {
        let model = try ONNXModel.load(path: "graphs/fashion/resnet8.onnx")
        let (calibration, _) = try Self.data("graphs/fashion/data", calibration: 16, test: 10, model: model)
        var collapse = ApproximateUnitCollapse(criterion: .l1, compensation: .leastSquares, fraction: 0.5)
        collapse.positionsPerSample = 2
        let r = try collapse.run(model.graph, features: model.inputFeatures, calibration: calibration.inputs)
        let units = try UnitGraph(graph: model.graph, features: model.inputFeatures)
        for group in units.couplingGroups {
            let masks = Set(group.layers.map { r.reduction.kept[$0] })
            #expect(masks.count == 1)
            #expect(r.reduction.kept[group.layers[0]].filter { $0 }.count == group.width / 2)
        }
        collapse.includeCoupled = false
        let kept = try collapse.run(model.graph, features: model.inputFeatures, calibration: calibration.inputs)
        for group in units.couplingGroups { for l in group.layers { #expect(!kept.reduction.kept[l].contains(false)) } }
    }

    @Test("--max-accuracy-drop: the largest fraction that keeps the check accuracy within the drop")
    func largestFraction() throws {
        let model = try ONNXModel.load(path: "graphs/mnist/lenet5.onnx")
        let (calibration, _) = try Self.data("graphs/mnist/data", calibration: 300, test: 10, model: model)
        let job = UnitSimplification(collapse: ApproximateUnitCollapse(criterion: .l1, compensation: .leastSquares, fraction: 0))
        let found = try #require(try job.largestFraction(model, calibration: calibration, check: calibration, maxDrop: 1))
        #expect(found.fraction > 0.2)
        let before = try #require(found.outcome.metricBefore), after = try #require(found.outcome.metricAfter)
        #expect(100 * (before - after) <= 1)
    }
}
