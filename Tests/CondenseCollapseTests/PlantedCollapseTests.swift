import CondenseCollapse
import CondenseCore
import CondenseLabels
import PropertyBased
import Testing

/// Property-based: random MLPs with planted redundancy of every kind. Every planted
/// neuron must be removed by the rule it was planted for (with the right partner and
/// factor), nothing else may be removed, and the outputs must not move.
@Suite("Exact collapse on planted networks")
struct PlantedCollapseTests {
    typealias Kind = PlantedRedundancy.Kind

    /// Checks the collapse of `planted` against what was planted; returns the result.
    @discardableResult
    func collapseMatchesPlan(_ planted: PlantedNetwork, options: ExactCollapseOptions = ExactCollapseOptions())
        throws -> CollapseResult
    {
        let result = try ExactCollapse(options: options).run(planted.network)
        let expected = planted.planted.filter { $0.expectedRule != nil }
        for p in planted.planted {
            let fate = result.fate(of: p.neuron)
            #expect(fate?.rule == p.expectedRule, "\(p.kind.rawValue) \(p.neuron): \(String(describing: fate))")
            if p.expectedRule == .equivalent {
                #expect(fate?.partner == p.partner, "\(p.kind.rawValue) \(p.neuron) merged into the wrong neuron")
                if let factor = fate?.factor, let planted = p.factor { #expect(abs(factor / planted - 1) < 1e-4) }
                #expect((fate?.evidence["refined"] == 1) == (p.kind == .bisimilar))
            }
        }
        #expect(result.fates.count == expected.count, "a base neuron was removed")
        let certificate = try result.certificate(original: planted.network, options: options, randomPoints: 200)
        #expect(certificate.randomPoints.maxRelativeChange <= 1e-5)
        return result
    }

    /// Counts for the hidden layers of a plan. Neurons that are linear on the domain are
    /// planted only in the last hidden layer, 0 or 3+ at a time: fewer do not pay for the
    /// skip block their fold creates, which the default parameter budget then refuses.
    static func counts(_ small: [Int], hidden: Int, kinds: [Kind], activation: Activation = .relu) -> [[Kind: Int]] {
        (0..<hidden).map { k in
            var layer: [Kind: Int] = [:]
            for (i, kind) in kinds.enumerated() where kind.applies(to: activation) {
                let n = small[(k * kinds.count + i) % small.count]
                if kind.expectedRule(for: activation) == .stableLinear {
                    layer[kind] = k == hidden - 1 && n > 0 ? n + 2 : 0
                } else if kind == .bisimilar {
                    layer[kind] = k > 0 ? n : 0
                } else if kind == .duplicate {
                    layer[kind] = max(n, 1)  // the next layer's bisimilar neurons need one
                } else {
                    layer[kind] = n
                }
            }
            return layer
        }
    }

    @Test func everyPlantedNeuronIsFoundAndOutputsStay() async {
        await propertyCheck(count: 25, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...2).array(of: 7),
                            Gen.int(in: 2...3)) { seed, small, hidden in
            let widths = [5 + seed % 4] + Array(repeating: 6 + seed % 5, count: hidden) + [3]
            let plan = TestNetworks.plan(widths: widths, seed: UInt64(seed),
                                         Self.counts(small, hidden: hidden, kinds: Kind.allCases))
            try collapseMatchesPlan(try plan.generate())
        }
    }

    @Test(arguments: [Activation.leakyRelu(alpha: 0.1)])
    func leakyReluPlantsAreFound(_ activation: Activation) async {
        await propertyCheck(count: 10, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...2).array(of: 7)) { seed, small in
            let plan = TestNetworks.plan(widths: [6, 8, 8, 3], activation: activation, seed: UInt64(seed),
                                         Self.counts(small, hidden: 2, kinds: Kind.allCases, activation: activation))
            try collapseMatchesPlan(try plan.generate())
        }
    }

    @Test(arguments: [Activation.sigmoid, .tanh])
    func sigmoidAndTanhMergeOnlyExactDuplicates(_ activation: Activation) async {
        let kinds: [Kind] = [.duplicate, .scaledDuplicate, .bisimilar, .deadEnd, .constant]
        await propertyCheck(count: 15, input: Gen.int(in: 0...1_000_000), Gen.int(in: 1...2).array(of: 5)) { seed, small in
            let plan = TestNetworks.plan(widths: [6, 8, 8, 3], activation: activation, seed: UInt64(seed),
                                         Self.counts(small, hidden: 2, kinds: kinds, activation: activation))
            let planted = try plan.generate()
            let result = try collapseMatchesPlan(planted)
            let scaled = planted.planted.filter { $0.kind == .scaledDuplicate }
            #expect(!scaled.isEmpty && scaled.allSatisfy { result.fate(of: $0.neuron) == nil })
        }
    }

    @Test(arguments: [Activation.relu, .leakyRelu(alpha: 0.2), .sigmoid, .tanh])
    func noRuleFiresWithoutRedundancy(_ activation: Activation) async {
        await propertyCheck(count: 10, input: Gen.int(in: 0...1_000_000), Gen.int(in: 2...3)) { seed, hidden in
            let widths = [6] + Array(repeating: 9, count: hidden) + [3]
            let plan = PlantedRedundancy(widths: widths, activation: activation,
                                         counts: Array(repeating: [:], count: hidden), seed: UInt64(seed))
            let network = try plan.generate().network
            for method in ExactCollapseOptions.BoundMethod.allCases {
                let result = try ExactCollapse(options: .init(boundMethod: method)).run(network)
                #expect(result.fates.isEmpty, "\(method): \(result.fates.prefix(3))")
                #expect(result.network == network && result.passes == 1)
            }
        }
    }

    @Test func evenPlanOnAWiderNetworkIsFullyFound() throws {
        let plan = PlantedRedundancy.evenly(widths: [20, 24, 16, 4], planted: [12, 28], seed: 3)
        let planted = try plan.generate()
        #expect(planted.planted.count == 40)
        #expect(Set(planted.planted.map(\.kind)) == Set(Kind.allCases))
        let result = try collapseMatchesPlan(planted)
        #expect(result.after.widths == [20, 24, 16, 4])
        #expect(result.after.parameters < result.before.parameters)
    }

    @Test func plansThatCannotBeBuiltAreRejected() {
        #expect(throws: CondenseError.self) {
            try TestNetworks.plan(widths: [4, 5, 3], seed: 1, [[.bisimilar: 1]]).generate()
        }
        #expect(throws: CondenseError.self) {
            try PlantedRedundancy(widths: [4, 5, 3], activation: .sigmoid, counts: [[.stableDead: 1]]).generate()
        }
        #expect(throws: CondenseError.self) { try TestNetworks.plan(widths: [4, 3], seed: 1, []).generate() }
        #expect(throws: CondenseError.self) { try TestNetworks.plan(widths: [4, 5, 3], seed: 1, [[.constant: -1]]).generate() }
    }
}
