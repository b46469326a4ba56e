import CondenseCollapse
import CondenseCore
import CondenseEval

/// One harness for every method: accuracy against the fraction of hidden neurons removed,
/// without fine-tuning, on the same exact-collapsed network, calibration data and test data.
/// With several `allocations`, every method runs with each at every fraction and keeps the
/// one with the higher accuracy on the (labelled) calibration data — never the test data.
/// With `lowRankReference`, every fraction also gets a per-layer SVD row with the parameter
/// count of Condense's best result at that fraction (``LowRankReference``).
///
/// Time: for every method and fraction one reduction plus one test evaluation
/// (O(test samples x parameters)) and one calibration bound (O(calibration samples x parameters)).
public struct Sweep: Sendable {
    public var fractions: [Double]
    public var methods: [any ReductionMethod]
    public var allocations: [RemovalAllocation]
    public var exact: ExactCollapseOptions
    public var lowRankReference: Bool

    public init(fractions: [Double], methods: [any ReductionMethod],
                allocations: [RemovalAllocation] = RemovalAllocation.allCases,
                exact: ExactCollapseOptions = ExactCollapseOptions(), lowRankReference: Bool = true) {
        self.fractions = fractions
        self.methods = methods
        self.allocations = allocations
        self.exact = exact
        self.lowRankReference = lowRankReference
    }

    /// Runs every method at every fraction; `progress` gets one line per run.
    public func run(_ network: Network, testInputs: Matrix, testLabels: [Int], calibration: CalibrationData,
                    progress: (String) -> Void = { _ in }) throws(CondenseError) -> SweepResult {
        guard !fractions.isEmpty, !methods.isEmpty, !allocations.isEmpty else {
            throw .invalidArgument("a sweep needs fractions, methods and an allocation")
        }
        if allocations.count > 1 && calibration.labels == nil {
            throw .invalidArgument("choosing the allocation needs labelled calibration data")
        }
        for f in fractions where !(f.isFinite && f >= 0 && f < 1) {
            throw .invalidArgument("sweep fractions must be in [0, 1), not \(f)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let evaluator = Evaluator()
        let baseline = try evaluator.evaluate(network, inputs: testInputs, labels: testLabels).0.accuracy ?? 0
        let testOutputs = try network.forward(testInputs, applyingOutputTransform: false)
        let exactResult = try ExactCollapse(options: exact).run(network)
        let base = exactResult.network
        let exactRemoved = network.hiddenNeuronCount - base.hiddenNeuronCount
        progress(String(format: "baseline test accuracy %.2f %%; exact collapse removed %d hidden neurons",
                        100 * baseline, exactRemoved))
        var rows: [SweepRow] = []
        var chosen: [String: Reduction] = [:]
        for method in methods {
            var planners = allocations.map { Planner(method: method, allocation: $0, base: base, calibration: calibration) }
            for fraction in fractions {
                let runStart = clock.now
                let total = min(max(0, Self.count(fraction, network, exactRemoved)), planners[0].maximum)
                var best: (reduction: Reduction, allocation: RemovalAllocation, accuracy: Double)?
                for k in planners.indices {
                    let reduction = try planners[k].reduce(total)
                    let accuracy = allocations.count == 1 ? 0 : try evaluator.evaluate(
                        reduction.network, inputs: calibration.inputs, labels: calibration.labels).0.accuracy ?? 0
                    if best == nil || accuracy > best!.accuracy { best = (reduction, allocations[k], accuracy) }
                }
                guard let best else { continue }
                let seconds = (clock.now - runStart).seconds
                var row = try measure(best.reduction.network, method: method.name, family: method.family.rawValue,
                                      fraction: fraction, original: network, evaluator: evaluator,
                                      test: (testInputs, testLabels, testOutputs), baseline: baseline)
                let analysis = try ErrorBoundAnalysis(original: base, simplified: best.reduction.network,
                                                      survivors: best.reduction.survivors)
                row.boundCalibration = analysis.bound(residuals: try analysis.sampleResiduals(on: calibration.inputs))
                row.maxChangeCalibration = try OutputDeviation.measure(
                    original: base, simplified: best.reduction.network, inputs: calibration.inputs).maxAbsChange
                row.allocation = best.allocation.rawValue
                row.seconds = seconds
                rows.append(row)
                chosen["\(method.name) \(fraction)"] = best.reduction
                progress(row.progressLine)
            }
        }
        if lowRankReference {
            for fraction in fractions {
                let condense = rows.filter { $0.family == MethodFamily.condense.rawValue && $0.fraction == fraction }
                guard let best = condense.min(by: { $0.drop < $1.drop }),
                      let reference = chosen["\(best.method) \(fraction)"] else { continue }
                let runStart = clock.now
                let lowRank = try LowRankReference().approximate(network, budget: reference.network.parameterCount)
                var row = try measure(lowRank.network, method: "svd-low-rank", family: "reference", fraction: fraction,
                                      original: network, evaluator: evaluator,
                                      test: (testInputs, testLabels, testOutputs), baseline: baseline)
                row.parameters = lowRank.parameters
                row.removed = 0
                row.hiddenNeurons = network.hiddenNeuronCount
                row.allocation = "parameters of \(best.method)"
                row.seconds = (clock.now - runStart).seconds
                rows.append(row)
                progress(row.progressLine)
            }
        }
        return SweepResult(
            hiddenNeurons: network.hiddenNeuronCount, parameters: network.parameterCount, baselineAccuracy: baseline,
            exactRemoved: exactRemoved, calibrationSamples: calibration.count, testSamples: testInputs.rows,
            allocations: allocations, fractions: fractions, rows: rows, totalSeconds: (clock.now - start).seconds)
    }

    /// Approximate removals for `fraction` of the original hidden neurons, exact ones deducted.
    static func count(_ fraction: Double, _ network: Network, _ exactRemoved: Int) -> Int {
        Int((fraction * Double(network.hiddenNeuronCount)).rounded()) - exactRemoved
    }

    private func measure(_ reduced: Network, method: String, family: String, fraction: Double, original: Network,
                         evaluator: Evaluator, test: (inputs: Matrix, labels: [Int], outputs: Matrix),
                         baseline: Double) throws(CondenseError) -> SweepRow {
        let (evaluation, _) = try evaluator.evaluate(reduced, inputs: test.inputs, labels: test.labels)
        let outputs = try reduced.forward(test.inputs, applyingOutputTransform: false)
        let accuracy = evaluation.accuracy ?? 0
        return SweepRow(
            method: method, family: family, fraction: fraction,
            removed: original.hiddenNeuronCount - reduced.hiddenNeuronCount, hiddenNeurons: reduced.hiddenNeuronCount,
            parameters: reduced.parameterCount, accuracy: accuracy, drop: 100 * (baseline - accuracy),
            maxChangeTest: Double(test.outputs.maxAbsDifference(outputs)), seconds: 0)
    }
}
