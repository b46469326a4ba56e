import CondenseCollapse
import CondenseCore
import CondenseTestSupport
import Testing

/// CROWN on an original and a simplified network side by side bounds their output
/// difference on the whole box: never below what random points measure.
@Suite("Side-by-side difference bound")
struct DifferenceBoundTests {
    @Test("the bound holds on random networks and random removals", arguments: Array(UInt64(1)...UInt64(12)))
    func sound(_ seed: UInt64) throws {
        let widths = [3 + Int(seed % 4), 8 + Int(seed % 5), 6, 2]
        let original = try SeededNetworks.dense(widths, seed: seed)
        var rng = SplitMix64(seed: seed)
        var removed: [NeuronID] = []
        for l in 1...2 {
            let chosen = (0..<widths[l]).filter { _ in rng.next() % 3 == 0 }.prefix(widths[l] - 1)
            removed += chosen.map { NeuronID(layer: l, index: $0) }
        }
        let simplified = SeededNetworks.removing(removed, from: original)
        let box = InputBox(uniform: -1...1, width: widths[0])
        let bound = try DifferenceBound.maximum(original: original, simplified: simplified, on: box)
        let points = RandomPoints.uniform(count: 4000, box: box, seed: seed)
        let measured = try OutputDeviation.measure(original: original, simplified: simplified, inputs: points).maxAbsChange
        #expect(bound >= measured * (1 - 1e-6) - 1e-9, "bound \(bound) below measured \(measured)")
        if removed.isEmpty { #expect(bound <= 1e-5) }
    }

    @Test("side by side is never looser than bounding each network and subtracting", arguments: Array(UInt64(1)...UInt64(8)))
    func tighterThanSeparate(_ seed: UInt64) throws {
        let a = try SeededNetworks.dense([5, 10, 7, 3], seed: seed)
        let b = SeededNetworks.removing([NeuronID(layer: 1, index: 2), NeuronID(layer: 2, index: 4)], from: a)
        let box = InputBox(uniform: 0...1, width: 5)
        let joint = try DifferenceBound.maximum(original: a, simplified: b, on: box)
        let (la, ua) = SymbolicBounds().outputBounds(of: a, on: box), (lb, ub) = SymbolicBounds().outputBounds(of: b, on: box)
        let separate = (0..<3).map { max(ua[$0] - lb[$0], ub[$0] - la[$0]) }.max()!
        #expect(joint <= separate * (1 + 1e-9) + 1e-9, "side by side \(joint), separately \(separate)")
    }

    @Test("networks of other depths are refused")
    func refused() throws {
        let a = try SeededNetworks.dense([4, 6, 2], seed: 3)
        let box = InputBox(uniform: 0...1, width: 4)
        let deeper = try SeededNetworks.dense([4, 6, 5, 2], seed: 3)
        #expect(throws: CondenseError.self) { try DifferenceBound.maximum(original: a, simplified: deeper, on: box) }
    }
}
