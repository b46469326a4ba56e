import CondenseCore

extension PlantedRedundancy {
    /// Kinds in the order they are appended to a layer, after its base neurons.
    static let plantingOrder: [Kind] = [
        .duplicate, .scaledDuplicate, .bisimilar, .deadEnd, .constant, .stableDead, .stableLinear,
    ]

    /// Builds the network. Deterministic in ``seed``. O(parameters * anchors).
    public func generate() throws(CondenseError) -> PlantedNetwork {
        try validate()
        var builder = PlantingBuilder(plan: self)
        for l in 1..<widths.count { builder.addLayer(l) }
        guard builder.missingBisimilarUpstream == nil else {
            throw .invalidArgument(
                "bisimilar neurons in hidden layer \(builder.missingBisimilarUpstream ?? 0) need a duplicate in the layer before")
        }
        let network = try Network(layers: builder.layers, inputDomain: domain)
        return PlantedNetwork(network: network, planted: builder.planted)
    }
}

/// The state of generation: layers so far, their interval bounds and their values at
/// the anchor points, and which neurons of the last layer are dead ends or mergeable copies.
struct PlantingBuilder {
    let plan: PlantedRedundancy
    var rng: SplitMix64
    var layers: [Layer]
    var bounds: PreActivationBounds
    /// Values of the latest layer at the anchor points, one row per anchor.
    var anchorValues: [[Float]]
    /// Dead-end neurons of the latest layer: the next layer must not read them.
    var deadEnds: Set<Int> = []
    /// (representative, member, factor) pairs of the latest layer that collapse merges.
    var mergeable: [(rep: Int, member: Int, factor: Float)] = []
    var planted: [PlantedNeuron] = []
    /// A hidden layer whose bisimilar neurons found no duplicate upstream.
    var missingBisimilarUpstream: Int?

    init(plan: PlantedRedundancy) {
        self.plan = plan
        rng = SplitMix64(seed: plan.seed)
        let d = plan.widths[0]
        layers = [Layer.input(width: d)]
        let hidden = plan.widths.count - 2
        bounds = PreActivationBounds(
            inputWidth: d, domain: InputBox(uniform: plan.domain, width: d),
            activations: [.identity] + Array(repeating: plan.activation, count: hidden) + [.identity])
        let lo = plan.domain.lowerBound, span = plan.domain.upperBound - plan.domain.lowerBound
        var anchorRng = SplitMix64(seed: plan.seed ^ 0xA5C4_02)
        anchorValues = (0..<8).map { _ in
            (0..<d).map { _ in lo + span * (0.25 + 0.5 * Float(Double(anchorRng.next() >> 11) * 0x1p-53)) }
        }
    }

    mutating func addLayer(_ l: Int) {
        let isOutput = l == plan.widths.count - 1
        let inputWidth = layers[l - 1].width
        var rows: [[Float]] = []
        var biases: [Float] = []
        for _ in 0..<plan.widths[l] {
            let row = randomRow(inputWidth)
            rows.append(row)
            biases.append(isOutput ? Float(0.1 * gaussian()) : anchoredBias(row))
        }
        var newDeadEnds: Set<Int> = []
        var newMergeable: [(rep: Int, member: Int, factor: Float)] = []
        if !isOutput {
            for kind in PlantedRedundancy.plantingOrder {
                for _ in 0..<(plan.counts[l - 1][kind] ?? 0) {
                    let (row, bias, copy) = plant(kind, base: rows, baseBiases: biases, layer: l)
                    let index = rows.count
                    rows.append(row)
                    biases.append(bias)
                    if kind == .deadEnd { newDeadEnds.insert(index) }
                    if let copy, kind.expectedRule(for: plan.activation) == .equivalent {
                        newMergeable.append((copy.rep, index, copy.factor))
                    }
                    planted.append(PlantedNeuron(
                        neuron: NeuronID(layer: l, index: index), kind: kind,
                        partner: copy.map { NeuronID(layer: l, index: $0.rep) }, factor: copy.map { Double($0.factor) },
                        expectedRule: kind.expectedRule(for: plan.activation)))
                }
            }
        }
        let layer = Layer(
            name: "fc\(l)", width: rows.count, activation: isOutput ? .identity : plan.activation, bias: biases,
            inputs: [Connection(source: l - 1, weights: Matrix(rows: rows.count, columns: inputWidth,
                                                               values: rows.flatMap { $0 }))])
        let (lower, upper) = IntervalBounds.preActivationBounds(of: layer, given: bounds)
        bounds.lower.append(lower)
        bounds.upper.append(upper)
        anchorValues = anchorValues.map { x in
            (0..<rows.count).map { i in layer.activation(zip(rows[i], x).reduce(biases[i]) { $0 + $1.0 * $1.1 }) }
        }
        layers.append(layer)
        deadEnds = newDeadEnds
        mergeable = newMergeable
    }

    /// One planted neuron's incoming row and bias, and for copies the base neuron and factor.
    private mutating func plant(_ kind: PlantedRedundancy.Kind, base: [[Float]], baseBiases: [Float], layer l: Int)
        -> (row: [Float], bias: Float, copy: (rep: Int, factor: Float)?)
    {
        let inputWidth = base[0].count
        let rep = Int(rng.next() % UInt64(plan.widths[l]))  // a base neuron: they come first
        switch kind {
        case .duplicate:
            return (base[rep], baseBiases[rep], (rep, 1))
        case .scaledDuplicate:
            let c = randomFactor(awayFromOne: true)
            return (base[rep].map { c * $0 }, c * baseBiases[rep], (rep, c))
        case .bisimilar:
            if mergeable.isEmpty { missingBisimilarUpstream = l }
            // In double precision, rounded once: the block sums stay equal to float accuracy.
            var row = base[rep].map(Double.init)
            for pair in mergeable {
                let factor = Double(pair.factor)
                let total = row[pair.rep] + factor * row[pair.member]
                let part = gaussian() / Double(inputWidth).squareRoot()
                row[pair.rep] = part
                row[pair.member] = (total - part) / factor
            }
            let c = plan.activation.isPositivelyHomogeneous ? randomFactor(awayFromOne: false) : 1
            return (row.map { Float(Double(c) * $0) }, c * baseBiases[rep], (rep, c))
        case .deadEnd:
            let row = randomRow(inputWidth)
            return (row, anchoredBias(row), nil)
        case .constant:
            return ([Float](repeating: 0, count: inputWidth), 0.1 + 0.9 * Float(uniform()), nil)
        case .stableDead, .stableLinear:
            let row = randomRow(inputWidth)
            let probe = Layer(name: "probe", width: 1, bias: [0],
                              inputs: [Connection(source: l - 1, weights: Matrix(rows: 1, columns: inputWidth, values: row))])
            let (lower, upper) = IntervalBounds.preActivationBounds(of: probe, given: bounds)
            let margin = 0.05 * (1 + max(abs(lower[0]), abs(upper[0])))
            return (row, Float(kind == .stableDead ? -upper[0] - margin : -lower[0] + margin), nil)
        }
    }

    /// Gaussian weights scaled by 1/sqrt(fan-in), zero from dead ends of the layer before.
    private mutating func randomRow(_ width: Int) -> [Float] {
        let scale = 1 / Double(width).squareRoot()
        return (0..<width).map { j in deadEnds.contains(j) ? 0 : Float(scale * gaussian()) }
    }

    /// The bias that puts the pre-activation at 0 at a random anchor point.
    private mutating func anchoredBias(_ row: [Float]) -> Float {
        let x = anchorValues[Int(rng.next() % UInt64(anchorValues.count))]
        return -zip(row, x).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// A factor in [0.5, 2]; away from one: in [0.5, 0.8] or [1.25, 2].
    private mutating func randomFactor(awayFromOne: Bool) -> Float {
        let u = Float(uniform())
        if !awayFromOne { return 0.5 + 1.5 * u }
        return rng.next() % 2 == 0 ? 0.5 + 0.3 * u : 1.25 + 0.75 * u
    }

    private mutating func gaussian() -> Double { rng.nextGaussian() }
    private mutating func uniform() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
}
