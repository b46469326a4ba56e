import CondenseCore

/// What a simplification does to the units of a graph, in the graph's own terms: which
/// units of each ``UnitLayer`` stay, and how the consumers of a removed unit make up for
/// it. Applied by ``ComputeGraph/applying(_:units:)``, which rewrites every tensor that
/// depends on the unit count (the pruner functions of Torch-Pruning, Fang et al. 2023,
/// over an ONNX graph).
///
/// - A removed unit with no ``Merge`` and no ``FoldedConstant`` is simply dropped (its
///   consumers lose the weights that read it).
/// - A ``Merge`` adds `factor ×` the consumers' weights of the removed unit to those of the
///   unit it is merged into (exact when the removed unit's output is `factor ×` the other's
///   on the whole domain, and the path between is positively homogeneous).
/// - A ``FoldedConstant`` adds the constant value a removed unit leaves in a consumer's
///   input, times that consumer's weights, to the consumer's bias.
/// - A ``Refit`` replaces a consumer's weights over its kept inputs (least-squares compensation).
public struct UnitReduction: Sendable {
    /// Per layer of the ``UnitGraph``, which units stay.
    public var kept: [[Bool]]
    public var merges: [Merge] = []
    public var constants: [FoldedConstant] = []
    /// New weights of consumer layers, by layer index.
    public var refits: [Int: Refit] = [:]

    /// Unit `unit` of layer `layer` goes; each consumer adds `factor ×` its weights to those of unit `into`.
    public struct Merge: Sendable, Hashable, Codable {
        public var layer: Int
        public var unit: Int
        public var into: Int
        public var factor: Float
        public init(layer: Int, unit: Int, into: Int, factor: Float) {
            self.layer = layer
            self.unit = unit
            self.into = into
            self.factor = factor
        }
    }

    /// Channel `channel` of consumer layer `consumer`'s input tensor (unit-source coordinates)
    /// holds `value` at every position on the domain; it is folded into that consumer's bias.
    public struct FoldedConstant: Sendable, Hashable, Codable {
        public var consumer: Int
        public var channel: Int
        public var value: Float
        public init(consumer: Int, channel: Int, value: Float) {
            self.consumer = consumer
            self.channel = channel
            self.value = value
        }
    }

    /// A consumer's new weights over its **kept** inputs and its bias, in the node's output
    /// terms (Gemm `alpha`/`beta` included, folded BatchNormalization not): row-major
    /// `[units, keptInputs · block]` where a block is a kernel (`kH·kW`) or one feature.
    public struct Refit: Sendable {
        public var weights: [Float]
        public var bias: [Float]
        public init(weights: [Float], bias: [Float]) {
            self.weights = weights
            self.bias = bias
        }
    }

    /// Nothing removed.
    public init(units: UnitGraph) {
        kept = units.layers.map { [Bool](repeating: true, count: $0.width) }
    }

    /// Units removed in all.
    public var removedCount: Int { kept.reduce(0) { $0 + $1.lazy.filter { !$0 }.count } }

    /// Whether anything changes.
    public var isEmpty: Bool { removedCount == 0 && refits.isEmpty }

    /// Removes unit `unit` of `layer` and of every layer coupled to it.
    public mutating func remove(_ unit: Int, ofLayer layer: Int, in units: UnitGraph) {
        for l in units.coupledLayers(layer) { kept[l][unit] = false }
    }
}

extension UnitGraph {
    /// `layer` and the layers coupled to it, increasing. O(groups).
    public func coupledLayers(_ layer: Int) -> [Int] {
        couplingGroups.first { $0.layers.contains(layer) }?.layers ?? [layer]
    }

    /// For each input slot of a unit layer (an input channel of a convolution, an input
    /// feature of a dense node), the units it reads. Slots no unit fills are empty.
    /// O(slots).
    public func inputSlots(of layer: Int, slotCount: Int) -> [[(layer: Int, unit: Int)]] {
        var slots = [[(layer: Int, unit: Int)]](repeating: [], count: slotCount)
        let l = layers[layer]
        for o in l.inputSources {
            for c in 0..<o.channels {
                if l.kind == .channels {
                    let s = o.offset + c
                    if s < slotCount { slots[s].append((o.layer, c)) }
                } else {
                    for p in 0..<o.positions {
                        let s = (o.offset + c) * o.positions + p
                        if s < slotCount { slots[s].append((o.layer, c)) }
                    }
                }
            }
        }
        return slots
    }

    /// The slots of a layer's input that unit `unit` of `source` fills, with the channel of
    /// the input tensor each lies in (unit-source coordinates). O(sources · positions).
    public func slots(of unit: Int, from source: Int, in layer: Int) -> [(slot: Int, channel: Int)] {
        var result: [(slot: Int, channel: Int)] = []
        let l = layers[layer]
        for o in l.inputSources where o.layer == source && unit < o.channels {
            let channel = o.offset + unit
            if l.kind == .channels {
                result.append((channel, channel))
            } else {
                for p in 0..<o.positions { result.append((channel * o.positions + p, channel)) }
            }
        }
        return result
    }
}
