import CondenseCore
import Foundation
import Testing
@testable import CondenseLabels

@Suite struct LabelingRunTests {
    @Test(arguments: SchemeKind.allCases)
    func everyExactSchemeVerifiesWithoutMismatch(scheme: SchemeKind) throws {
        let network = try MagnitudePruning.pruned(TestGraphs.network([12, 10, 8, 4], degree: 6, skip: 2), fraction: 0.5)
        var options = LabelingOptions(scheme: scheme)
        options.queries = 2_000
        options.verify = 300
        options.bits = 64
        let result = try LabelingResult.run(options, on: LabelingInput(network: network))
        let report = result.report
        #expect(report.scheme == scheme.rawValue)
        #expect(report.queries.queries == 2_000)
        #expect(report.sizes.totalBits > 0)
        let verification = try #require(report.verification)
        if scheme.isExact { #expect(verification.mismatches == 0) } else { #expect(verification.mismatches == nil) }
        let json = try JSONSerialization.jsonObject(with: LabelExport.json(result.labels)) as? [String: Any]
        let labels = try #require(json?["labels"] as? [String: Any])
        #expect(labels.count == network.neuronCount)
        #expect(labels["L1:0"] != nil)
    }

    @Test func pllRejectsSummingSemirings() throws {
        var options = LabelingOptions(scheme: .pll)
        options.semiring = .pathNorm
        #expect(throws: CondenseError.self) { try LabelingResult.run(options, on: LabelingInput(network: TestGraphs.network())) }
    }

    @Test func exportsCSVAndRendererClasses() throws {
        var options = LabelingOptions(scheme: .hub)
        options.queries = 10
        let result = try LabelingResult.run(options, on: LabelingInput(network: TestGraphs.network()))
        let csv = LabelExport.csv(result.labels)
        #expect(csv.hasPrefix("neuron,layer,part,key,value\n"))
        #expect(csv.contains("L0:0,0,self,L0:0,0.0"))
        let classes = try JSONSerialization.jsonObject(with: LabelExport.classes(result.labels)) as? [String: Any]
        #expect(classes?["categorical"] as? Bool == false)
        #expect((classes?["values"] as? [String: Double])?["L1:0"] != nil)
    }
}
