import CondenseCore

extension LabelingResult {
    /// Builds the labeling `options` ask for on `input`, times queries on random pairs and,
    /// with `options.verify > 0`, checks that many random queries against an exhaustive
    /// computation. Cost: the scheme's build, `queries` queries, the verification.
    public static func run(_ options: LabelingOptions, on input: LabelingInput) throws(CondenseError) -> LabelingResult {
        switch options.scheme {
        case .hub:
            switch options.semiring {
            case .minPlus: return try hub(MinPlus.self, options, input)
            case .maxTimes: return try hub(MaxTimes.self, options, input)
            case .sumTimes: return try hub(SumTimes.self, options, input)
            case .pathNorm: return try hub(PathNorm.self, options, input)
            case .boolean: return try hub(BooleanSemiring.self, options, input)
            }
        case .pll:
            switch options.semiring {
            case .minPlus: return try pll(MinPlus.self, options, input)
            case .maxTimes: return try pll(MaxTimes.self, options, input)
            case .boolean: return try pll(BooleanSemiring.self, options, input)
            case .sumTimes, .pathNorm:
                throw .invalidArgument("pll needs a selective semiring (min-plus, max-times, boolean); "
                                       + "\(options.semiring.rawValue) sums over paths: use the hub scheme")
            }
        case .sketch: return try sketch(options, input)
        case .reachability: return try reachability(options, input)
        case .equivalence: return try equivalence(options, input)
        }
    }

    static func hub<S: Semiring>(_ semiring: S.Type, _ options: LabelingOptions, _ input: LabelingInput) throws(CondenseError) -> LabelingResult {
        try measure(options, input, NoBuildOptions()) { (labels: HubLabeling<S>, pairs) in
            PathVerification.verify(S.self, graph: input.graph, pairs: pairs) { labels.query($0, $1) }
        } details: { labels in
            let bounds = (0..<labels.nodeCount).map(labels.widthBound(of:))
            let separators = labels.tree.intervals.compactMap { $0 }.count
            var details = ["width_bound_mean": Double(bounds.reduce(0, +)) / Double(max(1, bounds.count)),
                           "width_bound_max": Double(bounds.max() ?? 0), "separator_layers": Double(separators),
                           "cut_layers": Double(labels.tree.isCut.filter { $0 }.count)]
            // Path sums against the product of the (absolute) weight matrices, every input-output pair.
            if let network = input.network, S.self == SumTimes.self || S.self == PathNorm.self {
                details["weight_product_max_rel_error"] = WeightProduct.maxRelativeError(
                    network, absolute: S.self == PathNorm.self) { labels.query($0, $1) }
            }
            return details
        }
    }

    static func pll<S: SelectiveSemiring>(_ semiring: S.Type, _ options: LabelingOptions, _ input: LabelingInput) throws(CondenseError) -> LabelingResult {
        let build = PrunedLandmarkLabeling<S>.BuildOptions(order: options.order, seed: options.seed)
        var result = try measure(options, input, build) { (labels: PrunedLandmarkLabeling<S>, pairs) in
            PathVerification.verify(S.self, graph: input.graph, pairs: pairs) { labels.query($0, $1) }
        } details: { _ in [:] }
        result.report.order = options.order.rawValue
        return result
    }

    static func sketch(_ options: LabelingOptions, _ input: LabelingInput) throws(CondenseError) -> LabelingResult {
        let activations = input.activations
        return try measure(options, input, SketchLabeling.BuildOptions(bits: options.bits, seed: options.seed)) {
            (labels: SketchLabeling, pairs) in
            if let activations { return labels.verify(pairs: pairs, activations: activations) }
            return labels.verify(pairs: pairs, graph: input.graph)
        } details: { labels in
            let bands = max(1, min(labels.bitCount, labels.bitCount / 16))
            let candidates = (try? labels.candidatePairs(bands: bands)) ?? CandidatePairs()
            return ["lsh_bands": Double(bands), "lsh_candidates": Double(candidates.count),
                    "lsh_candidates_above_0.9": Double(candidates.similarity.filter { $0 >= 0.9 }.count),
                    "activation_sketch": activations == nil ? 0 : 1]
        }
    }

    static func reachability(_ options: LabelingOptions, _ input: LabelingInput) throws(CondenseError) -> LabelingResult {
        try measure(options, input, ReachabilityLabeling.BuildOptions(traversals: options.traversals, seed: options.seed)) {
            (labels: ReachabilityLabeling, pairs) in
            labels.verify(pairs: pairs)
        } details: { labels in
            let byLabels = labels.labelOnlyNegatives()
            return ["dead_ends": Double(labels.deadEnds().count), "unreachable": Double(labels.unreachable().count),
                    "dead_ends_by_labels_alone": Double(byLabels.deadEnds),
                    "unreachable_by_labels_alone": Double(byLabels.unreachable)]
        }
    }

    static func equivalence(_ options: LabelingOptions, _ input: LabelingInput) throws(CondenseError) -> LabelingResult {
        try measure(options, input, EquivalenceLabeling.BuildOptions(tolerance: options.tolerance)) {
            (labels: EquivalenceLabeling, pairs) throws(CondenseError) -> Verification in
            guard let network = input.network else { throw .internalError("equivalence labels built without a network") }
            return try labels.verify(network: network, count: pairs.count, seed: options.seed)
        } details: { labels in
            ["blocks": Double(labels.partition.blockCount), "mergeable": Double(labels.partition.mergeableCount)]
        }
    }

    /// Builds (timed), measures sizes, times queries and verifies: the steps every scheme shares.
    static func measure<L: LabelingScheme & LabelExporting>(
        _ options: LabelingOptions, _ input: LabelingInput, _ buildOptions: L.BuildOptions,
        verify: (L, PairSample) throws(CondenseError) -> Verification,
        details: (L) -> [String: Double]
    ) throws(CondenseError) -> LabelingResult {
        guard options.queries >= 0, options.verify >= 0 else {
            throw .invalidArgument("the numbers of queries and of verified queries must be >= 0")
        }
        let graph = input.graph
        let (labels, buildTiming) = try Timing.measure { () throws(CondenseError) -> L in
            try L(building: input, options: buildOptions)
        }
        let timingPairs = PairSample.random(layerOffsets: graph.layerOffsets, count: options.queries,
                                            domain: L.pairDomain, seed: options.seed, eligible: labels.isQueryable)
        let queries = QueryTiming(labels, pairs: timingPairs)
        var verification: Verification?
        if options.verify > 0 {
            let checkPairs = PairSample.random(layerOffsets: graph.layerOffsets, count: options.verify,
                                               domain: L.pairDomain, seed: options.seed &+ 0x5EED, eligible: labels.isQueryable)
            verification = try verify(labels, checkPairs)
        }
        let sizes = LabelSizes(labels)
        let weights = input.network.map { $0.layers.reduce(0) { $0 + $1.inputs.reduce(0) { $0 + $1.weights.values.count } } }
        let weightBits = 32 * (weights ?? graph.edgeCount)
        let isPath = L.self is any PathScheme.Type
        let report = LabelingReport(
            scheme: L.schemeName, semiring: isPath ? options.semiring.rawValue : nil, order: nil,
            nodes: graph.nodeCount, edges: graph.edgeCount, layers: graph.layerCount,
            skipConnections: SeparatorTree(graph).hasSkipConnections, build: buildTiming, sizes: sizes,
            weightBits: weightBits, bitsPerWeightBit: Double(sizes.totalBits) / Double(max(1, weightBits)),
            queries: queries, verification: verification, details: options.details ? details(labels) : [:])
        return LabelingResult(report: report, labels: labels)
    }
}

/// Schemes whose answers are semiring path values.
protocol PathScheme {}
extension HubLabeling: PathScheme {}
extension PrunedLandmarkLabeling: PathScheme {}
