import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX

/// The approximate-simplification job as one library call: calibration data run through
/// the model's pre-processing → exact then approximate collapse of the core → export →
/// read back → whole-graph checks and scores on `data`.
public struct ApproximateSimplification: Sendable {
    public var method: any ReductionMethod
    public var options: ApproximateCollapseOptions
    public var domain: ModelDomain?
    /// What the check points and calibration matrices may take.
    public var memory = MemoryBudget()
    /// Whether fewer check points may be used when they do not fit the budget (else refused).
    public var fitPointsToMemory = true

    public init(method: any ReductionMethod, options: ApproximateCollapseOptions, domain: ModelDomain?) {
        self.method = method
        self.options = options
        self.domain = domain
    }

    /// The calibration set as the core sees it (inputs after the pre-processing).
    public static func calibration(_ model: ONNXModel, _ dataset: Dataset) throws(CondenseError) -> CalibrationData {
        try CalibrationData(inputs: try model.coreInputs(dataset.inputs), labels: dataset.labels)
    }

    /// Scores before and after on the data, from the whole graph.
    public struct DataCheck: Sendable, Encodable {
        public var description: String
        public var change: OutputDeviation
        public var before: ModelEvaluation
        public var after: ModelEvaluation
        public var accuracyBefore: Double? { before.accuracy }
        public var accuracyAfter: Double? { after.accuracy }

        enum CodingKeys: String, CodingKey {
            case description, change, before, after
            case accuracyBefore = "accuracy_before"
            case accuracyAfter = "accuracy_after"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(description, forKey: .description)
            try c.encode(change, forKey: .change)
            try c.encode(before, forKey: .before)
            try c.encode(after, forKey: .after)
            try c.encodeIfPresent(accuracyBefore, forKey: .accuracyBefore)
            try c.encodeIfPresent(accuracyAfter, forKey: .accuracyAfter)
        }
    }

    public struct Outcome: Sendable {
        public var result: ApproximateResult
        public var data: DataCheck?
        public var exportRoundTrip: OutputDeviation
    }

    public func run(_ model: ONNXModel, calibration: Dataset?, writingTo path: String, data: Dataset? = nil,
                    task: Task? = nil) throws(CondenseError) -> Outcome {
        var options = self.options
        options.exact.domain = domain?.coreBox
        options.randomPoints = fitPointsToMemory
            ? try ExactSimplification.affordablePoints(options.randomPoints, model: model, memory: memory)
            : try ExactSimplification.checkPoints(options.randomPoints, model: model, memory: memory)
        if let calibration {
            let widths = model.network.layers.reduce(model.inputFeatures) { $0 &+ 3 &* $1.width }
            try memory.check(MemoryBudget.size([calibration.count, max(widths, 1)]), what: "calibration on \(calibration.count) samples",
                             hint: "use fewer calibration samples or raise the memory budget")
        }
        let calibrationData = try calibration.map { (c) throws(CondenseError) in try Self.calibration(model, c) }
        let result = try ApproximateCollapse(method: method, options: options).run(model.network, calibration: calibrationData)
        try model.write(network: result.network, to: path,
                        metadata: ["condense.simplified": "approx", "condense.method": method.name])
        var check: DataCheck?
        if let data {
            let evaluator = ModelEvaluator()
            let (before, y) = try evaluator.evaluate(model, inputs: data.inputs, labels: data.labels, targets: data.targets, task: task)
            let (after, z) = try evaluator.evaluate(model, network: result.network, inputs: data.inputs, labels: data.labels,
                                                    targets: data.targets, task: before.task)
            check = DataCheck(description: data.description,
                              change: try OutputDeviation.compare(original: y.scores, simplified: z.scores), before: before, after: after)
        }
        let box = domain?.modelBox ?? InputBox(uniform: -1...1, width: model.inputFeatures)
        let points = RandomPoints.uniform(count: max(1, min(options.randomPoints, 256)), box: box, seed: options.seed &+ 1)
        let roundTrip = try WholeGraphCheck.readBack(path, against: model, network: result.network, inputs: points)
        return Outcome(result: result, data: check, exportRoundTrip: roundTrip)
    }
}
