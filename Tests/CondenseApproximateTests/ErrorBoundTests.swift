import CondenseApproximate
import CondenseCore
import Testing

@Suite("Error bounds")
struct ErrorBoundTests {
    /// Float rounding of two forward passes, which the bound (exact arithmetic) does not cover.
    static func slack(_ bound: Double) -> Double { bound * 1e-4 + 1e-4 }

    @Test("the measured output change never exceeds the domain bound on random networks",
          arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func domainBoundHolds(_ seed: UInt64) throws {
        let network = try TestModels.network(widths: [6, 12, 9, 3], duplicates: [2, 1], noise: 0.2, seed: seed)
        let calibration = try TestModels.calibration(for: network, count: 120, seed: seed &+ 10)
        let methods: [any ReductionMethod] = [LeastSquaresElimination(), CondenseMerging(refit: false),
                                              NeuronMerging(), TaylorPruning()]
        let method = methods[Int(seed) % methods.count]
        let options = ApproximateCollapseOptions(target: .fraction(0.4), randomPoints: 2000, seed: seed)
        let result = try ApproximateCollapse(method: method, options: options).run(network, calibration: calibration)
        #expect(result.after.hiddenNeurons == 21 - 8)
        let domain = try #require(result.bound.domain)
        let measured = try #require(result.randomPoints).maxAbsChange
        #expect(measured <= domain + Self.slack(domain), "\(method.name): measured \(measured) > bound \(domain)")
        let calibrationBound = try #require(result.bound.calibration)
        let onCalibration = try #require(result.calibrationChange).maxAbsChange
        #expect(onCalibration <= calibrationBound + Self.slack(calibrationBound))
        #expect(calibrationBound <= domain + Self.slack(domain))
        // Every removal carries its own bound from its activation error and path norm.
        for fate in result.fates where fate.rule == .approximateMerge || fate.rule == .pruned {
            #expect(fate.evidence["path_norm"] != nil && fate.evidence["bound_domain"] != nil)
        }
    }

    @Test("for merges by scale the per-merge bounds add up to a bound on the change")
    func mergeBoundsAddUp() throws {
        let network = try TestModels.network(widths: [6, 12, 3], duplicates: [3], noise: 0.3, seed: 8)
        let options = ApproximateCollapseOptions(target: .fraction(0.25), randomPoints: 1000)
        let result = try ApproximateCollapse(method: CondenseMerging(refit: false), options: options)
            .run(network, calibration: nil)
        let sum = try #require(result.mergeBoundSum.domain)
        let measured = try #require(result.randomPoints).maxAbsChange
        #expect(measured <= sum + Self.slack(sum))
        #expect(result.fates.filter { $0.rule == .approximateMerge }.count >= 2)
    }

    @Test("an unchanged network has a zero bound")
    func zeroBound() throws {
        let network = try TestModels.network(widths: [5, 7, 2], seed: 4)
        let analysis = try ErrorBoundAnalysis(original: network, simplified: network,
                                              survivors: network.layers.map { Array(0..<$0.width) })
        #expect(analysis.bound(residuals: try analysis.domainResiduals(on: InputBox(uniform: 0...1, width: 5))) == 0)
    }

    @Test("an epsilon target keeps the bound under epsilon; an accuracy target keeps the drop under it")
    func targets() throws {
        let network = try TestModels.network(widths: [6, 12, 8, 3], duplicates: [3, 2], noise: 0.05, seed: 12)
        let calibration = try TestModels.calibration(for: network, count: 150)
        let byBound = try ApproximateCollapse(
            method: LeastSquaresElimination(), options: .init(target: .epsilon(0.5), boundOnDomain: false))
            .run(network, calibration: calibration)
        #expect((byBound.bound.calibration ?? .infinity) <= 0.5)
        #expect(!byBound.search.isEmpty)
        let byAccuracy = try ApproximateCollapse(
            method: LeastSquaresElimination(), options: .init(target: .maxAccuracyDrop(2), boundOnDomain: false))
            .run(network, calibration: calibration)
        let before = try #require(byAccuracy.calibrationAccuracyBefore)
        let after = try #require(byAccuracy.calibrationAccuracyAfter)
        #expect(100 * (before - after) <= 2 + 1e-9)
        #expect(byAccuracy.after.hiddenNeurons < network.hiddenNeuronCount)
    }
}
