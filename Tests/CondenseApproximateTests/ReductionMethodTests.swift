import CondenseApproximate
import CondenseCore
import Testing

@Suite("Reduction methods")
struct ReductionMethodTests {
    @Test("every method removes exactly the requested neurons and reports one fate each",
          arguments: ReductionMethods.all.map(\.name))
    func removesRequestedCount(_ name: String) throws {
        let network = try TestModels.network(widths: [10, 16, 12, 4], duplicates: [3, 2], noise: 0.05)
        let calibration = try TestModels.calibration(for: network)
        let method = try ReductionMethods.named(name)
        let reduction = try method.reduce(network, removing: TestModels.counts(network, [6, 5]), calibration: calibration)
        #expect(reduction.network.layers.map(\.width) == [10, 10, 7, 4])
        #expect(reduction.fates.count == 11)
        #expect(reduction.fates.allSatisfy { $0.rule == .approximateMerge || $0.rule == .pruned })
        for l in 1...2 {
            let removed = Set(reduction.fates.filter { $0.neuron.layer == l }.map(\.neuron.index))
            #expect(Set(reduction.survivors[l]).isDisjoint(with: removed))
            #expect(reduction.survivors[l].count + removed.count == network.layers[l].width)
            #expect(reduction.survivors[l] == reduction.survivors[l].sorted())
        }
        let priorities = try method.priorities(of: network, calibration: calibration)
        #expect(priorities.map(\.count) == [0, 16, 12, 0])
    }

    @Test("bad removal counts and missing calibration data are user errors")
    func rejectsBadInput() throws {
        let network = try TestModels.network(widths: [6, 5, 3])
        #expect(throws: CondenseError.self) {
            try LeastSquaresElimination().reduce(network, removing: [0, 2, 0], calibration: nil)
        }
        #expect(throws: CondenseError.self) {
            try RandomPruning().reduce(network, removing: [0, 5, 0], calibration: nil)
        }
        #expect(throws: CondenseError.self) {
            try RandomPruning().reduce(network, removing: [0, 1], calibration: nil)
        }
        #expect(throws: CondenseError.self) { try ReductionMethods.named("no-such-method") }
        let options = ApproximateCollapseOptions(target: .fraction(1.5))
        #expect(throws: CondenseError.self) {
            try ApproximateCollapse(method: RandomPruning(), options: options).run(network, calibration: nil)
        }
    }

    @Test("allocations add up, keep a neuron per layer, and global follows the priorities")
    func allocations() throws {
        let network = try TestModels.network(widths: [6, 30, 10, 3])
        let perLayer = try RemovalAllocation.perLayer.counts(removing: 20, from: network) { [] }
        #expect(perLayer == [0, 15, 5, 0])
        let skewed: [[Double]] = [[], (0..<30).map { Double($0) }, (0..<10).map { 100 + Double($0) }, []]
        let global = try RemovalAllocation.global.counts(removing: 35, from: network) { skewed }
        #expect(global == [0, 29, 6, 0])
        #expect(throws: CondenseError.self) {
            try RemovalAllocation.perLayer.counts(removing: 39, from: network) { [] }
        }
    }
}
