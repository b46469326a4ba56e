import Foundation

/// Sketch labels: a `k`-bit SimHash of each neuron's signature (Charikar, "Similarity
/// estimation techniques from rounding algorithms", STOC 2002; Goemans–Williamson
/// random hyperplanes).
///
/// Bit `j` of a label is the sign of the signature's dot product with a seeded Gaussian
/// direction `r_j`. Two signatures at angle `θ` disagree on a bit with probability `θ/π`,
/// so `cos(π · hamming / k)` estimates their cosine similarity from the labels alone, with
/// a standard error of about `π·sqrt(p(1-p)/k)` on the angle (`p = θ/π`).
///
/// The signature is either the incoming weights plus the bias (structure) or the
/// activations on calibration data (behaviour); see ``SketchSource``. Labels are packed in
/// `UInt64` words; a query is a popcount over `⌈k/64⌉` words, O(k/64).
/// ``candidatePairs(bands:maxBucket:)`` proposes similar pairs by LSH banding without
/// comparing all pairs.
public struct SketchLabeling: LabelingScheme {
    public static var schemeName: String { "sketch" }
    public static var pairDomain: PairDomain { .sameLayer }

    /// Number of sketch bits `k`.
    public let bitCount: Int
    /// What the sketches summarise.
    public let source: SketchSource
    let wordsPerLabel: Int
    let layerOfNode: [Int32]
    let addressing: NodeAddressing
    /// Node `v` owns `words[v * wordsPerLabel ..< (v + 1) * wordsPerLabel]`.
    let words: [UInt64]
    /// Whether the signature is the zero vector (no direction: no similarity).
    let isZero: [Bool]
    /// The first node of the same layer with the same sketch, and how many share it.
    let groupLeader: [Int32]
    let groupSize: [Int32]

    public var nodeCount: Int { layerOfNode.count }

    /// One node's sketch: a view into the flat storage.
    public struct Label: Sendable {
        public let layer: Int32
        public let isZero: Bool
        let bitCount: Int
        let words: ArraySlice<UInt64>
    }

    public func label(of v: Int) -> Label {
        Label(layer: layerOfNode[v], isZero: isZero[v], bitCount: bitCount,
              words: words[(v * wordsPerLabel)..<((v + 1) * wordsPerLabel)])
    }

    /// Estimated cosine similarity `cos(π · hamming / k)`, or nil for nodes of different
    /// layers or with a zero signature. O(k/64).
    public static func answer(_ source: Label, _ target: Label) -> Double? {
        guard source.layer == target.layer, !source.isZero, !target.isZero else { return nil }
        var hamming = 0
        for (a, b) in zip(source.words, target.words) { hamming += (a ^ b).nonzeroBitCount }
        return cos(Double.pi * Double(hamming) / Double(source.bitCount))
    }

    public func entries(of v: Int) -> Int { wordsPerLabel }

    /// Nodes with a zero signature have no direction to compare.
    public func isQueryable(_ v: Int) -> Bool { !isZero[v] }

    /// Bits: the `k` sketch bits and one zero-signature flag.
    public func bits(of v: Int) -> Int { bitCount + 1 }

    /// The sketch bits of `v` as hexadecimal, most significant word first.
    public func hex(of v: Int) -> String {
        words[(v * wordsPerLabel)..<((v + 1) * wordsPerLabel)].reversed()
            .map { String($0, radix: 16).leftPadded(to: 16) }.joined()
    }
}

/// What a sketch label summarises.
public enum SketchSource: String, Sendable, Codable {
    /// The incoming weights and the bias: neurons with proportional signatures compute
    /// proportional functions (for positively homogeneous activations).
    case incoming
    /// The activation vector on calibration data: neurons that behave alike.
    case activations
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
