import COpenBLAS
import CondenseCore
import CondenseGraph
import CondenseTrain
import Foundation

/// Approximate collapse of conv channels and neurons on the whole graph: the same fraction
/// of the units of every removable layer (a coupling group counts once, its layers losing
/// the same units) is chosen by a ``UnitCriterion`` and removed, and the consumers are
/// compensated by a ``UnitCompensation``. The input is the graph and calibration samples;
/// the output a new graph with the same nodes (``CondenseGraph/ComputeGraph/applying(_:units:)``).
///
/// Cost: one forward pass on the calibration samples for the criteria, then per consumer
/// one pass up to its input and a least-squares fit of `O(rows · n²)` with `n` its kept
/// inputs per output (kernel included).
public struct ApproximateUnitCollapse: Sendable {
    public var criterion: UnitCriterion
    public var compensation: UnitCompensation
    /// Fraction of each removable layer's units to remove, in [0, 1).
    public var fraction: Double
    public var layerKinds: Set<UnitLayer.Kind>
    /// Output positions sampled per calibration image for convolution fits and scores.
    public var positionsPerSample = 16
    /// Calibration samples the criteria read (the fits read all).
    public var scoringSamples = 256
    /// Scale-free ridge of the least-squares fits.
    public var ridge = 1e-4
    public var seed: UInt64 = 0
    /// How the removals are spread over the layers.
    public var allocation = UnitAllocation.uniform
    /// Whether layers coupled by residual `Add`s lose units too (a residual stream's channels).
    public var includeCoupled = true

    public init(criterion: UnitCriterion, compensation: UnitCompensation, fraction: Double,
                layerKinds: Set<UnitLayer.Kind> = [.channels, .neurons]) {
        self.criterion = criterion
        self.compensation = compensation
        self.fraction = fraction
        self.layerKinds = layerKinds
    }

    /// What was removed.
    public struct Result: Sendable {
        public var graph: ComputeGraph
        public var reduction: UnitReduction
        /// Units per layer (name) before and after.
        public var widths: [(layer: String, before: Int, after: Int)]
        /// Units of the removable layers (a coupling group counted once) before and after.
        public var unitsBefore: Int
        public var unitsAfter: Int
        public var seconds: Double
    }

    /// The groups of layers whose units go together, by their first layer, that may lose units.
    static func removableGroups(_ units: UnitGraph, kinds: Set<UnitLayer.Kind>) -> [[Int]] {
        (1..<units.layers.count).compactMap { l in
            let layer = units.layers[l], group = units.coupledLayers(l)
            guard layer.pinned == nil, kinds.contains(layer.kind), group.first == l, layer.width > 1,
                  group.contains(where: { !units.layers[$0].consumers.isEmpty }) else { return nil }
            return group
        }
    }

    /// - Parameter calibrationLabels: the calibration samples' classes, for ``UnitCriterion/taylor``.
    public func run(_ graph: ComputeGraph, features: Int, calibration: Matrix, calibrationLabels: [Int]? = nil) throws(CondenseError) -> Result {
        guard fraction >= 0, fraction < 1 else { throw .invalidArgument("the fraction to remove must be in [0, 1)") }
        if (criterion.needsData || compensation == .leastSquares) && calibration.rows == 0 {
            throw .invalidArgument("\(criterion.rawValue) with \(compensation.rawValue) compensation needs calibration data")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        let units = try UnitGraph(graph: graph, features: features)
        let groups = Self.removableGroups(units, kinds: layerKinds).filter { includeCoupled || $0.count == 1 }
        var reduction = UnitReduction(units: units)
        var rng = SplitMix64(seed: seed)
        let scoring = calibration.rows > 0 ? calibration.rowSlice(0..<min(calibration.rows, scoringSamples)) : calibration
        var observed: [String: GraphTensor] = [:]
        if criterion.needsData {
            var names = Set<String>()
            for group in groups {
                guard let (m, _) = Self.observer(group, units) else { continue }
                names.insert(units.layers[m].inputTensor)
            }
            if criterion == .taylor {
                observed = try taylorProducts(graph, scoring: scoring, labels: calibrationLabels.map { Array($0.prefix(scoring.rows)) },
                                              tensors: names)
            } else {
                observed = try GraphExecutor(graph: graph).run(batch: scoring, targets: Array(names))
            }
        }
        if allocation == .global, criterion == .condense {
            let chosen = try globalSelection(groups, units: units, graph: graph, observed: observed, rng: &rng)
            for (group, ks) in zip(groups, chosen) { for k in ks { reduction.remove(k, ofLayer: group[0], in: units) } }
        } else {
            for group in groups {
                let width = units.layers[group[0]].width
                let count = min(width - 1, Int((fraction * Double(width)).rounded(.down)))
                guard count > 0 else { continue }
                let chosen = try select(count, group: group, units: units, graph: graph, observed: observed, rng: &rng)
                for k in chosen { reduction.remove(k, ofLayer: group[0], in: units) }
                if criterion == .merge, group.count == 1 { try addMerges(group[0], units: units, graph: graph, into: &reduction) }
            }
        }
        if compensation == .leastSquares, calibration.rows > 0 {
            try refit(&reduction, units: units, graph: graph, calibration: calibration, rng: &rng)
        }
        let reduced = try graph.applying(reduction, units: units)
        let widths = units.layers.indices.dropFirst().map { l in
            (units.layers[l].name, units.layers[l].width, reduction.kept[l].filter { $0 }.count)
        }
        return Result(graph: reduced, reduction: reduction, widths: widths, unitsBefore: groups.reduce(0) { $0 + units.layers[$1[0]].width },
                      unitsAfter: groups.reduce(0) { $0 + reduction.kept[$1[0]].filter { $0 }.count },
                      seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// For the Taylor criterion: each of `tensors` multiplied element-wise by the gradient of
    /// the cross-entropy (labels, else the model's own classes) with respect to it, on the
    /// scoring samples. O(one forward and one backward pass).
    func taylorProducts(_ graph: ComputeGraph, scoring: Matrix, labels: [Int]?, tensors: Set<String>) throws(CondenseError) -> [String: GraphTensor] {
        let objective = try TrainingObjective.find(in: graph, classify: true)
        let differentiator = try GraphDifferentiator(graph: graph, parameters: TrainableParameters.find(in: graph), output: objective.tensor)
        let tape = try differentiator.forward([graph.primaryInput.name: try GraphExecutor(graph: graph).inputTensor(scoring)], values: [:])
        guard let y = tape.values[objective.tensor] else { throw .internalError("the logits were not computed") }
        var classes = labels ?? []
        if labels == nil {
            let logits = try y.matrix("logits")
            classes = logits.columns == 1 ? logits.values.map { $0 > 0 ? 1 : 0 } : logits.argmaxRows
        }
        let (_, seed) = try objective.evaluate(y, labels: classes, targets: nil)
        let gradients = try differentiator.backward(tape, seed: seed, values: [:], tensors: tensors).tensors
        var products: [String: GraphTensor] = [:]
        for name in tensors {
            guard let a = tape.values[name], let g = gradients[name] else { continue }
            let v = try a.floats(name)
            products[name] = GraphTensor(shape: a.shape, floats: zip(v, g).map(*))
        }
        return products
    }

    /// The consumer (layer, its node) a group's units are scored at: the first consumer of its first layer that has one.
    static func observer(_ group: [Int], _ units: UnitGraph) -> (Int, Int)? {
        for l in group { if let m = units.layers[l].consumers.first, let n = units.layers[m].node { return (m, n) } }
        return nil
    }

    // MARK: Selection

    /// `count` units of the group to remove.
    func select(_ count: Int, group: [Int], units: UnitGraph, graph: ComputeGraph, observed: [String: GraphTensor],
                rng: inout SplitMix64) throws(CondenseError) -> [Int] {
        let width = units.layers[group[0]].width
        func smallest(_ scores: [Double]) -> [Int] { Array(scores.indices.sorted { (scores[$0], $0) < (scores[$1], $1) }.prefix(count)) }
        switch criterion {
        case .random:
            var order = Array(0..<width)
            order.shuffle(using: &rng)
            return Array(order.prefix(count))
        case .l1, .merge:
            var scores = [Double](repeating: 0, count: width)
            for l in group {
                let a = try graph.affineView(of: l, units: units)
                let scale = units.layers[l].scale
                for k in 0..<width {
                    let row = a.weights[(k * a.columns)..<((k + 1) * a.columns)]
                    scores[k] += criterion == .l1 ? Double(row.reduce(0) { $0 + abs($1) } * abs(scale[k]))
                        : Double(row.reduce(0) { $0 + $1 * $1 } * scale[k] * scale[k])
                }
            }
            return smallest(scores)
        case .taylor:
            // `observed` holds a ⊙ ∂L/∂a: per sample, the sum over a unit's positions, then |·|, averaged.
            guard let (m, _) = Self.observer(group, units), let t = observed[units.layers[m].inputTensor] else { return [] }
            let map = try channelMaps(t, group: group, units: units, consumer: m)
            let n = max(t.shape.first ?? 1, 1)
            var scores = [Double](repeating: 0, count: width)
            for k in 0..<width {
                guard let values = map[k], !values.isEmpty else { continue }
                let segment = values.count / n
                var total = 0.0
                for i in 0..<n { total += abs(values[(i * segment)..<((i + 1) * segment)].reduce(0.0) { $0 + Double($1) }) }
                scores[k] = total / Double(n)
            }
            return smallest(scores)
        case .apoz, .hrank:
            guard let (m, _) = Self.observer(group, units), let t = observed[units.layers[m].inputTensor] else { return [] }
            let map = try channelMaps(t, group: group, units: units, consumer: m)
            var scores = [Double](repeating: 0, count: width)
            for k in 0..<width {
                guard let values = map[k] else { continue }
                if criterion == .apoz {
                    scores[k] = -Double(values.lazy.filter { $0 == 0 }.count) / Double(max(1, values.count))
                } else {
                    scores[k] = try Self.averageRank(values, t: t)
                }
            }
            return smallest(scores)
        case .condense:
            return try eliminationCurve(count, group: group, units: units, graph: graph, observed: observed, rng: &rng).order
        case .thinet, .qr:
            guard let (m, n) = Self.observer(group, units), let t = observed[units.layers[m].inputTensor] else { return [] }
            let z = try contributions(t, group: group, units: units, graph: graph, consumer: m, node: n, rng: &rng)
            return criterion == .thinet ? Self.thinet(z, count: count) : try Self.pivotedQR(z, count: count)
        }
    }

    /// Condense's elimination order for a group and the relative error each step adds at its
    /// observed consumer (times the number of consumers for a group feeding several, as a
    /// residual stream does).
    func eliminationCurve(_ count: Int, group: [Int], units: UnitGraph, graph: ComputeGraph, observed: [String: GraphTensor],
                          rng: inout SplitMix64) throws(CondenseError) -> (order: [Int], relativeCosts: [Double]) {
        guard let (m, n) = Self.observer(group, units), let t = observed[units.layers[m].inputTensor] else { return ([], []) }
        let width = units.layers[group[0]].width
        let a = try graph.affineView(of: m, units: units)
        let rows = try ConsumerRows(input: t, node: graph.nodes[n], kernel: units.layers[m].kernel,
                                    perSample: positionsPerSample, rng: &rng)
        let l = group.first { units.layers[$0].consumers.contains(m) } ?? group[0]
        let blocks = (0..<width).map { k in
            units.slots(of: k, from: l, in: m).flatMap { s in (s.slot * a.block)..<((s.slot + 1) * a.block) }
        }
        var w = [Float](repeating: 0, count: a.columns * a.units)
        for o in 0..<a.units { for c in 0..<a.columns { w[c * a.units + o] = a.weights[o * a.columns + c] } }
        var curve = try BlockElimination(blocks: blocks).eliminateWithCosts(design: rows.design, weights: w, outputs: a.units, count: count)
        let readers = Set(group.flatMap { units.layers[$0].consumers }).count
        curve.relativeCosts = curve.relativeCosts.map { $0 * Double(readers) }
        return curve
    }

    /// Condense's global allocation: the same total (`fraction` of all removable units) taken
    /// step by step from the group whose next removal adds the least relative error, each
    /// group keeping at least one unit. O(units · log groups) after the curves.
    func globalSelection(_ groups: [[Int]], units: UnitGraph, graph: ComputeGraph, observed: [String: GraphTensor],
                         rng: inout SplitMix64) throws(CondenseError) -> [[Int]] {
        var curves: [(order: [Int], relativeCosts: [Double])] = []
        var total = 0
        for group in groups {
            let width = units.layers[group[0]].width
            total += width
            curves.append(try eliminationCurve(width - 1, group: group, units: units, graph: graph, observed: observed, rng: &rng))
        }
        let target = Int((fraction * Double(total)).rounded(.down))
        var taken = [Int](repeating: 0, count: groups.count)
        var cumulative = [Double](repeating: 0, count: groups.count)
        for _ in 0..<target {
            var best = -1
            var bestCost = Double.infinity
            for g in groups.indices where taken[g] < curves[g].order.count {
                // Compare by the error the group would carry after the step.
                let cost = cumulative[g] + curves[g].relativeCosts[taken[g]]
                if cost < bestCost { bestCost = cost; best = g }
            }
            guard best >= 0 else { break }
            cumulative[best] += curves[best].relativeCosts[taken[best]]
            taken[best] += 1
        }
        return groups.indices.map { Array(curves[$0].order.prefix(taken[$0])) }
    }

    /// The values of each unit of the group in a consumer's input (all samples and positions).
    func channelMaps(_ t: GraphTensor, group: [Int], units: UnitGraph, consumer m: Int) throws(CondenseError) -> [Int: [Float]] {
        let v = try t.floats("activations")
        let n = t.shape[0], perSample = t.count / max(n, 1)
        var maps: [Int: [Float]] = [:]
        let width = units.layers[group[0]].width
        for k in 0..<width {
            guard let l = group.first(where: { units.layers[$0].consumers.contains(m) }),
                  let (_, channel) = units.slots(of: k, from: l, in: m).first else { continue }
            let channels = t.shape[1]
            if t.rank == 2, let o = units.layers[m].inputSources.first(where: { $0.layer == l }) {
                let s = o.positions
                var values: [Float] = []
                for i in 0..<n { values.append(contentsOf: v[(i * perSample + channel * s)..<(i * perSample + (channel + 1) * s)]) }
                maps[k] = values
            } else {
                let positions = perSample / max(channels, 1)
                var values: [Float] = []
                for i in 0..<n { values.append(contentsOf: v[(i * perSample + channel * positions)..<(i * perSample + (channel + 1) * positions)]) }
                maps[k] = values
            }
        }
        return maps
    }

    /// HRank's score: the mean numerical rank of a unit's `H × W` maps (its non-zero share for neurons).
    static func averageRank(_ values: [Float], t: GraphTensor) throws(CondenseError) -> Double {
        guard t.rank == 4 else { return Double(values.lazy.filter { $0 != 0 }.count) / Double(max(1, values.count)) }
        let h = t.shape[2], w = t.shape[3], size = h * w
        let maps = values.count / max(size, 1)
        var total = 0.0
        let used = min(maps, 64)
        for i in 0..<used {
            let slice = Array(values[(i * size)..<((i + 1) * size)])
            guard slice.contains(where: { $0 != 0 }) else { continue }
            let s = try SingularValueDecomposition(Matrix(rows: h, columns: w, values: slice)).values
            let tolerance = (s.first ?? 0) * Float(max(h, w)) * Float.ulpOfOne
            total += Double(s.filter { $0 > tolerance }.count)
        }
        return total / Double(max(used, 1))
    }

    /// Each unit's contribution to the consumer's pre-activation at sampled (sample, position,
    /// output) triples: `rows × width`. O(rows · width · block).
    func contributions(_ t: GraphTensor, group: [Int], units: UnitGraph, graph: ComputeGraph, consumer m: Int, node n: Int,
                       rng: inout SplitMix64) throws(CondenseError) -> Matrix {
        let a = try graph.affineView(of: m, units: units)
        let kernel = units.layers[m].kernel
        let rows = try ConsumerRows(input: t, node: graph.nodes[n], kernel: kernel, perSample: max(1, positionsPerSample / 4), rng: &rng)
        let width = units.layers[group[0]].width
        let sampled = min(4096, rows.design.rows * a.units)
        var z = Matrix(rows: sampled, columns: width)
        let l = group.first { units.layers[$0].consumers.contains(m) } ?? group[0]
        let slotsOf = (0..<width).map { units.slots(of: $0, from: l, in: m).map(\.slot) }
        for r in 0..<sampled {
            let row = Int(rng.next() % UInt64(rows.design.rows)), o = Int(rng.next() % UInt64(a.units))
            for k in 0..<width {
                var sum: Float = 0
                for s in slotsOf[k] {
                    for q in 0..<a.block { sum += a.weights[o * a.columns + s * a.block + q] * rows.design[row, s * a.block + q] }
                }
                z[r, k] = sum
            }
        }
        return z
    }

    /// ThiNet's greedy step: add to the removed set the unit that keeps `‖Σ removed z‖²` smallest. O(count · width · rows).
    static func thinet(_ z: Matrix, count: Int) -> [Int] {
        var removed: [Int] = []
        var sum = [Double](repeating: 0, count: z.rows)
        var left = Set(0..<z.columns)
        while removed.count < count {
            var best = -1, bestValue = Double.infinity
            for k in left.sorted() {
                var v = 0.0
                for r in 0..<z.rows { let s = sum[r] + Double(z[r, k]); v += s * s }
                if v < bestValue { bestValue = v; best = k }
            }
            removed.append(best)
            left.remove(best)
            for r in 0..<z.rows { sum[r] += Double(z[r, best]) }
        }
        return removed
    }

    /// The last `count` pivots of a QR factorisation with column pivoting (the least independent columns).
    static func pivotedQR(_ z: Matrix, count: Int) throws(CondenseError) -> [Int] {
        var m = Int32(z.rows), n = Int32(z.columns), lda = max(1, Int32(z.rows)), info: Int32 = 0
        var a = [Float](repeating: 0, count: z.rows * z.columns)
        for i in 0..<z.rows { for j in 0..<z.columns { a[j * z.rows + i] = z[i, j] } }
        var pivots = [Int32](repeating: 0, count: z.columns)
        var tau = [Float](repeating: 0, count: min(z.rows, z.columns))
        var size: Float = 0, query: Int32 = -1
        sgeqp3_(&m, &n, &a, &lda, &pivots, &tau, &size, &query, &info)
        var lwork = Int32(size)
        var work = [Float](repeating: 0, count: max(1, Int(size)))
        sgeqp3_(&m, &n, &a, &lda, &pivots, &tau, &work, &lwork, &info)
        guard info == 0 else { throw .internalError("sgeqp3 failed (info \(info))") }
        return pivots.suffix(count).map { Int($0) - 1 }
    }

    /// Kim et al.'s data-free merge: each removed unit of an uncoupled layer goes into the kept
    /// unit of the most similar (BN-scaled) weights when their cosine is at least 0.45, with factor `‖w_j‖ / ‖w_i‖`.
    func addMerges(_ l: Int, units: UnitGraph, graph: ComputeGraph, into reduction: inout UnitReduction) throws(CondenseError) {
        let a = try graph.affineView(of: l, units: units)
        let scale = units.layers[l].scale
        let rows = (0..<a.units).map { k in a.weights[(k * a.columns)..<((k + 1) * a.columns)].map { $0 * scale[k] } }
        let norms = rows.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let kept = (0..<a.units).filter { reduction.kept[l][$0] }
        for j in 0..<a.units where !reduction.kept[l][j] && norms[j] > 0 {
            var best = -1
            var bestCosine: Float = 0.45
            for i in kept where norms[i] > 0 {
                let cosine = zip(rows[i], rows[j]).reduce(0) { $0 + $1.0 * $1.1 } / (norms[i] * norms[j])
                if cosine > bestCosine { bestCosine = cosine; best = i }
            }
            if best >= 0 { reduction.merges.append(.init(layer: l, unit: j, into: best, factor: norms[j] / norms[best])) }
        }
    }

    // MARK: Compensation

    /// Re-fits every consumer of a changed layer, in topological order, on the simplified upstream.
    func refit(_ reduction: inout UnitReduction, units: UnitGraph, graph: ComputeGraph, calibration: Matrix,
               rng: inout SplitMix64) throws(CondenseError) {
        let changed = Set(reduction.kept.indices.filter { reduction.kept[$0].contains(false) })
        let consumers = (1..<units.layers.count).filter { !Set(units.layers[$0].sourceLayers).isDisjoint(with: changed) }
        guard !consumers.isEmpty else { return }
        let targetsByLayer = Dictionary(uniqueKeysWithValues: consumers.map { ($0, graph.affineOutput(of: units.layers[$0])) })
        // A layer that feeds a residual Add is fitted to what the sum needs: the original sum
        // minus what the other branch now carries (so it also absorbs the shortcut's error).
        let joins = Dictionary(uniqueKeysWithValues: consumers.compactMap { m in Self.residualJoin(m, units: units, graph: graph).map { (m, $0) } })
        var wanted = Set(targetsByLayer.values)
        for (m, j) in joins { wanted.formUnion([j.sum, units.layers[m].outputTensor]) }
        let original = try GraphExecutor(graph: graph).run(batch: calibration, targets: Array(wanted))
        for m in consumers {
            let current = try graph.applying(reduction, units: units)
            let input = units.layers[m].inputTensor
            let join = joins[m]
            let values = try GraphExecutor(graph: current).run(batch: calibration, targets: [input] + (join.map { [$0.other] } ?? []))
            guard let x = values[input], var y = original[targetsByLayer[m]!], let n = units.layers[m].node else { continue }
            if let join, let sum = original[join.sum], let other = values[join.other], let effective = original[units.layers[m].outputTensor],
               effective.shape == y.shape, sum.shape == y.shape, other.rank == y.rank,
               other.shape[1] == reduction.kept[m].filter({ $0 }).count {
                y = try Self.residualTarget(raw: y, effective: effective, sum: sum, other: other, kept: reduction.kept[m])
            }
            let rows = try ConsumerRows(input: x, node: graph.nodes[n], kernel: units.layers[m].kernel,
                                        perSample: positionsPerSample, rng: &rng)
            let fit = try LeastSquares.fit(design: rows.design, targets: try rows.targets(y), ridge: ridge)
            // Coefficients are features × outputs; the refit is outputs × features.
            let k = fit.coefficients.columns, f = fit.coefficients.rows
            var w = [Float](repeating: 0, count: k * f)
            for o in 0..<k { for i in 0..<f { w[o * f + i] = fit.coefficients[i, o] } }
            reduction.refits[m] = UnitReduction.Refit(weights: w, bias: fit.intercepts)
        }
    }

    /// The residual `Add` a layer's output (after its folded nodes) goes into, with the other operand.
    static func residualJoin(_ m: Int, units: UnitGraph, graph: ComputeGraph) -> (sum: String, other: String)? {
        let out = units.layers[m].outputTensor
        guard let readers = graph.consumers[out], readers.count == 1, units.layers[m].activation == .identity else { return nil }
        let add = graph.nodes[readers[0]]
        guard add.isONNX("Add"), add.inputs.count == 2, let other = add.inputs.first(where: { $0 != out }),
              !graph.isConstant(other), units.tensorSources[other] != nil else { return nil }
        return (add.outputs[0], other)
    }

    /// The node output that makes `effective + other = sum` on the kept channels (`other`, from
    /// the simplified graph, holds only those): per channel, the affine map from the node's raw
    /// output to its effective output (folded BatchNormalization) is read off the original
    /// values and inverted. O(elements).
    static func residualTarget(raw: GraphTensor, effective: GraphTensor, sum: GraphTensor, other: GraphTensor,
                               kept: [Bool]) throws(CondenseError) -> GraphTensor {
        let z = try raw.floats("raw"), e = try effective.floats("effective"), s = try sum.floats("sum"), o = try other.floats("other")
        let n = raw.shape[0], c = raw.shape[1], p = raw.count / max(1, n * c)
        let keptChannels = kept.indices.filter { kept[$0] }
        let oc = other.shape[1]
        var out = z
        for (j, k) in keptChannels.enumerated() {
            var sz = 0.0, se = 0.0, szz = 0.0, sze = 0.0, count = 0.0
            for i in 0..<n { for q in 0..<p {
                let idx = (i * c + k) * p + q
                let a = Double(z[idx]), b = Double(e[idx])
                sz += a; se += b; szz += a * a; sze += a * b; count += 1
            } }
            let variance = szz - sz * sz / count
            let slope = variance > 1e-12 * max(szz, 1e-30) ? (sze - sz * se / count) / variance : 1
            guard abs(slope) > 1e-6 else { continue }
            let intercept = (se - slope * sz) / count
            for i in 0..<n { for q in 0..<p {
                let idx = (i * c + k) * p + q
                out[idx] = Float((Double(s[idx]) - Double(o[(i * oc + j) * p + q]) - intercept) / slope)
            } }
        }
        return GraphTensor(shape: raw.shape, floats: out)
    }
}
