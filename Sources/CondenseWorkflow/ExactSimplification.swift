import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseGraph
import CondenseONNX
import Foundation

/// The exact-simplification job as one library call: load → collapse on the core's box →
/// export → read back → verify the whole graph. The CLI's `simplify --mode exact` and
/// the demo call it.
public struct ExactSimplification: Sendable {
    public var options: ExactCollapseOptions
    public var domain: ModelDomain?
    public var randomPoints: Int
    /// What the check points may take (refused above it before anything is allocated).
    public var memory = MemoryBudget()
    /// Whether fewer check points (at least 16) may be used when `randomPoints` do not fit
    /// the budget (with a warning); otherwise such a request is refused.
    public var fitPointsToMemory = true
    public var seed: UInt64
    /// Whether conv channels are collapsed on the whole graph (``UnitCollapse``) before the
    /// dense core's rules run.
    public var channels = true

    public init(options: ExactCollapseOptions = ExactCollapseOptions(), domain: ModelDomain?, randomPoints: Int = 1000, seed: UInt64 = 0) {
        self.options = options
        self.domain = domain
        self.randomPoints = randomPoints
        self.seed = seed
    }

    /// What the job produced.
    public struct Outcome: Sendable {
        public var result: CollapseResult
        public var certificate: Certificate
        public var wholeGraph: WholeGraphCheck
        /// The channel pass on the whole graph (`nil` when the model has no conv layer or it was off).
        public var units: UnitCollapse.Result?
    }

    /// Runs the job on `model`, writes the simplified model to `path`, and checks it on random
    /// points of the model's domain (or [-1, 1] without one) and on `data`.
    public func run(_ model: ONNXModel, writingTo path: String, metadata: [String: String] = ["condense.simplified": "exact"],
                    data: Dataset? = nil) throws(CondenseError) -> Outcome {
        var options = self.options
        options.domain = domain?.coreBox
        if domain == nil, model.hasPreprocessing {
            // The core's own metadata box would describe the model's input, not the core's: without a domain, no stability.
            options.rules.remove(.stable)
        }
        try options.validate()
        let randomPoints = fitPointsToMemory ? try Self.affordablePoints(randomPoints, model: model, memory: memory)
            : try Self.checkPoints(randomPoints, model: model, memory: memory)
        // Conv channels first, on the whole graph; the dense core of what remains next.
        let original = model
        var model = model
        var unitResult: UnitCollapse.Result?
        if channels, !options.rules.isEmpty,
           let units = try? UnitGraph(graph: model.graph, features: model.inputFeatures), units.layers.contains(where: { $0.kind == .channels }) {
            var rules = Set<UnitFate.Rule>()
            if options.rules.contains(.constant) || options.rules.contains(.stable) { rules.insert(.constant) }
            if options.rules.contains(.equivalent) { rules.insert(.proportional) }
            if options.rules.contains(.deadEnd) { rules.insert(.deadEnd) }
            let r = try UnitCollapse(rules: rules).run(model.graph, features: model.inputFeatures,
                                                     lower: domain?.modelBox.lower, upper: domain?.modelBox.upper, units: units)
            unitResult = r
            if r.removed > 0 {
                let records = r.fates.flatMap { f in
                    [UnitFateRecord(layer: f.layer, unit: f.unit, rule: f.rule.rawValue, into: f.into)]
                        + f.coupled.map { UnitFateRecord(layer: $0, unit: f.unit, rule: f.rule.rawValue) }
                }
                model = try ONNXModel(data: original.exportData(
                    graph: r.graph, metadata: [UnitFateRecord.metadataKey: UnitFateRecord.metadataValue(records)]))
                if let domain { options.domain = try model.coreBox(lower: domain.modelBox.lower, upper: domain.modelBox.upper) }
            }
        }
        let network = model.network
        let result = try ExactCollapse(options: options).run(network)
        try model.write(network: result.network, to: path, metadata: metadata)
        let coreData = try data.map { (d) throws(CondenseError) in try model.coreInputs(d.inputs) }
        let certificate = try result.certificate(original: network, options: options, randomPoints: randomPoints, seed: seed,
                                                 data: coreData)
        let box = domain?.modelBox ?? InputBox(uniform: -1...1, width: model.inputFeatures)
        let points = RandomPoints.uniform(count: randomPoints, box: box, seed: seed)
        let check = RandomPoints.uniform(count: max(1, min(randomPoints, 256)), box: box, seed: seed &+ 1)
        let whole = WholeGraphCheck(
            output: ModelEvaluator.outputNames(model).score,
            randomPoints: randomPoints > 0 ? try WholeGraphCheck.measure(original, against: model, network: result.network, inputs: points) : nil,
            data: try data.map { (d) throws(CondenseError) in
                try WholeGraphCheck.measure(original, against: model, network: result.network, inputs: d.inputs)
            },
            exportRoundTrip: try WholeGraphCheck.readBack(path, against: model, network: result.network, inputs: check))
        return Outcome(result: result, certificate: certificate, wholeGraph: whole, units: unitResult)
    }

    /// Floats one check point takes: its inputs, and every layer's pre-activations and values.
    static func floatsPerPoint(_ model: ONNXModel) -> Int {
        max(1, model.network.layers.reduce(model.inputFeatures) { $0 &+ 2 &* $1.width })
    }

    /// The number of random check points that fit the budget with every layer's values on
    /// them: `count`, or fewer (at least 16) with a warning on stderr; refused when even 16
    /// do not fit. O(layers).
    static func affordablePoints(_ count: Int, model: ONNXModel, memory: MemoryBudget) throws(CondenseError) -> Int {
        let perPoint = floatsPerPoint(model)
        guard let bytes = MemoryBudget.size([count, perPoint]), bytes > memory.bytes else { return count }
        let affordable = memory.bytes / (MemoryBudget.size([perPoint]) ?? Int.max)
        guard affordable >= 16 else { return try checkPoints(16, model: model, memory: memory) }
        let message = "condense: warning: \(count) random check points would not fit the memory budget; using \(affordable)\n"
        FileHandle.standardError.write(Data(message.utf8))
        return affordable
    }

    /// Refuses `count` random check points when they, and every layer's values on them, would not fit the budget.
    @discardableResult
    static func checkPoints(_ count: Int, model: ONNXModel, memory: MemoryBudget) throws(CondenseError) -> Int {
        try memory.check(MemoryBudget.size([count, floatsPerPoint(model)]), what: "\(count) random check points",
                         hint: "use fewer random check points or raise the memory budget")
        return count
    }
}
