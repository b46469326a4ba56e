import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseGraph
import CondenseONNX
import Foundation

/// Approximate collapse of conv channels and neurons on the whole graph as one library
/// call: collapse (``CondenseApproximate/ApproximateUnitCollapse``) → export → read back →
/// measure parameters, FLOPs and accuracy before and after. The CLI's
/// `simplify --mode approx --units` and `sweep --units` call it.
public struct UnitSimplification: Sendable {
    public var collapse: ApproximateUnitCollapse

    public init(collapse: ApproximateUnitCollapse) { self.collapse = collapse }

    /// Size of a graph: units of its removable layers, parameters and FLOPs per sample.
    public struct Size: Sendable, Codable, Equatable {
        public var units: Int
        public var parameters: Int
        public var flops: Int
    }

    public struct Outcome: Sendable {
        public var model: ONNXModel
        public var data: Data
        public var result: ApproximateUnitCollapse.Result
        public var before: Size
        public var after: Size
        /// Metric on the evaluation data before and after (accuracy for classifiers).
        public var metricBefore: Double?
        public var metricAfter: Double?
        /// The exported bytes read back against the collapsed graph in memory.
        public var exportRoundTrip: OutputDeviation?
    }

    public static func size(_ graph: ComputeGraph, features: Int, units: Int) throws(CondenseError) -> Size {
        let profile = try GraphProfile(graph: graph, features: features)
        return Size(units: units, parameters: profile.nodes.reduce(0) { $0 + $1.parameters }, flops: profile.nodes.reduce(0) { $0 + $1.flops })
    }

    /// Runs the collapse on `model`; `data` (with labels or targets) scores before and after.
    public func run(_ model: ONNXModel, calibration: Dataset?, data: Dataset?, metricBefore: Double? = nil) throws(CondenseError) -> Outcome {
        let features = model.inputFeatures
        let result = try collapse.run(model.graph, features: features,
                                      calibration: calibration?.inputs ?? Matrix(rows: 0, columns: features),
                                      calibrationLabels: calibration?.labels)
        // `widths` lists the unit layers after the input layer, by name.
        var records: [UnitFateRecord] = []
        for (l, kept) in result.reduction.kept.enumerated().dropFirst() {
            for k in kept.indices where !kept[k] {
                let merge = result.reduction.merges.first { $0.layer == l && $0.unit == k }
                records.append(UnitFateRecord(layer: result.widths[l - 1].layer, unit: k, rule: merge == nil ? "pruned" : "merged",
                                              into: merge?.into))
            }
        }
        let bytes = try model.exportData(graph: result.graph, metadata: [
            UnitFateRecord.metadataKey: UnitFateRecord.metadataValue(records),
            "condense.simplified": "approx-units",
            "condense.criterion": collapse.criterion.rawValue,
            "condense.compensation": collapse.compensation.rawValue,
        ])
        let reloaded = try ONNXModel(data: bytes)
        let before = try Self.size(model.graph, features: features, units: result.unitsBefore)
        let after = try Self.size(reloaded.graph, features: features, units: result.unitsAfter)
        let evaluator = ModelEvaluator()
        var metricBefore = metricBefore, metricAfter: Double?
        var roundTrip: OutputDeviation?
        if let data {
            if metricBefore == nil {
                metricBefore = try evaluator.evaluate(model, inputs: data.inputs, labels: data.labels, targets: data.targets).0.headline
            }
            metricAfter = try evaluator.evaluate(reloaded, inputs: data.inputs, labels: data.labels, targets: data.targets).0.headline
            let probe = data.inputs.rowSlice(0..<min(256, data.inputs.rows))
            let memory = try GraphExecutor(graph: result.graph).run(batch: probe)
            let read = try evaluator.outputs(of: reloaded, on: probe)
            if let t = memory[read.scoreName] {
                let y = try t.floats("scores")
                roundTrip = try OutputDeviation.compare(original: Matrix(rows: probe.rows, columns: y.count / probe.rows, values: y),
                                                        simplified: read.scores)
            }
        }
        return Outcome(model: reloaded, data: bytes, result: result, before: before, after: after,
                       metricBefore: metricBefore, metricAfter: metricAfter, exportRoundTrip: roundTrip)
    }
}

extension UnitSimplification {
    /// The largest fraction (to 1/64, searched by bisection in `[0, 0.95]`) whose simplification
    /// keeps the metric on `check` (labelled data, e.g. the calibration set) within `maxDrop`
    /// points of the original's, and that simplification; `nil` when even the smallest step
    /// drops more. O(7 simplifications).
    public func largestFraction(_ model: ONNXModel, calibration: Dataset, check: Dataset,
                                maxDrop: Double) throws(CondenseError) -> (fraction: Double, outcome: Outcome)? {
        guard maxDrop >= 0, maxDrop.isFinite else { throw .invalidArgument("the accuracy drop must be a number of points >= 0") }
        let base = try ModelEvaluator().evaluate(model, inputs: check.inputs, labels: check.labels, targets: check.targets).0
        guard let baseline = base.headline else { throw .invalidData("the check data give no accuracy or R²") }
        var lo = 0.0, hi = 0.95
        var best: (Double, Outcome)?
        for _ in 0..<6 {
            let mid = (lo + hi) / 2
            var job = self
            job.collapse.fraction = mid
            let o = try job.run(model, calibration: calibration, data: check, metricBefore: baseline)
            if 100 * (baseline - (o.metricAfter ?? 0)) <= maxDrop { best = (mid, o); lo = mid } else { hi = mid }
        }
        return best.map { (fraction: $0.0, outcome: $0.1) }
    }
}

extension UnitSimplification {
    /// The largest fraction (to 1/64, bisection in `[0, 0.95]`) whose simplification keeps the
    /// bound on the output change over the model's domain (CROWN on the original and simplified
    /// networks side by side, ``CondenseCollapse/DifferenceBound``) at most `epsilon`, and that
    /// simplification with its bound; `nil` when even the smallest step exceeds it. Dense
    /// models only: Condense has no such bound through convolutions. O(7 simplifications and bounds).
    public func largestFraction(_ model: ONNXModel, calibration: Dataset?, data: Dataset?, domain: ModelDomain,
                                epsilon: Double) throws(CondenseError) -> (fraction: Double, bound: Double, outcome: Outcome)? {
        guard epsilon >= 0, epsilon.isFinite else { throw .invalidArgument("the output-change target must be a number >= 0") }
        let units = try UnitGraph(graph: model.graph, features: model.inputFeatures)
        guard units.layers.allSatisfy({ $0.kind != .channels }) else {
            throw .invalidArgument("an output-change target needs a bound on the output change, which Condense has for dense "
                                   + "models only; this model has convolutions (use the fraction to remove or the accuracy drop)")
        }
        // The original's metric, measured once for every step.
        let baseline = try data.flatMap { (d) throws(CondenseError) in
            try ModelEvaluator().evaluate(model, inputs: d.inputs, labels: d.labels, targets: d.targets).0.headline
        }
        var lo = 0.0, hi = 0.95
        var best: (Double, Double, Outcome)?
        for _ in 0..<6 {
            let mid = (lo + hi) / 2
            var job = self
            job.collapse.fraction = mid
            let o = try job.run(model, calibration: calibration, data: data, metricBefore: baseline)
            let bound = try DifferenceBound.maximum(original: model.network, simplified: o.model.network, on: domain.coreBox)
            if bound <= epsilon { best = (mid, bound, o); lo = mid } else { hi = mid }
        }
        return best.map { (fraction: $0.0, bound: $0.1, outcome: $0.2) }
    }
}
