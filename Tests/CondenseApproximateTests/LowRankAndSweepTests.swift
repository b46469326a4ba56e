import CondenseApproximate
import CondenseCore
import Testing

@Suite("Low-rank reference and sweep")
struct LowRankAndSweepTests {
    @Test("the SVD reference matches its parameter budget", arguments: [600, 1400, 2000])
    func budget(_ budget: Int) throws {
        let network = try TestModels.network(widths: [30, 40, 20, 5], seed: 2)
        let result = try LowRankReference().approximate(network, budget: budget)
        #expect(result.parameters <= budget)
        // No block could take one more rank: the budget is used up to the largest rank step.
        let largestStep = network.layers.dropFirst().flatMap { $0.inputs.map { $0.weights.rows + $0.weights.columns } }.max() ?? 0
        #expect(result.parameters > budget - largestStep)
        #expect(result.network.layers.map(\.width) == network.layers.map(\.width))
        #expect(result.ranks.joined().contains { $0 != nil })
    }

    @Test("a full budget keeps the function; a budget below rank 1 is refused")
    func extremes() throws {
        let network = try TestModels.network(widths: [8, 6, 3], seed: 6)
        let full = try LowRankReference().approximate(network, budget: network.parameterCount)
        let points = try TestModels.calibration(for: network, count: 32).inputs
        #expect(try TestModels.maxChange(network, full.network, on: points) < 1e-4)
        #expect(throws: CondenseError.self) { try LowRankReference().approximate(network, budget: 10) }
    }

    @Test("a sweep writes a row per method and fraction, CSV, LaTeX and SVG")
    func sweep() throws {
        let network = try TestModels.network(widths: [8, 16, 10, 3], duplicates: [2, 1], noise: 0.1, seed: 14)
        let calibration = try TestModels.calibration(for: network, count: 120)
        let test = try TestModels.calibration(for: network, count: 100, seed: 77)
        let sweep = Sweep(fractions: [0.3, 0.5], methods: [LeastSquaresElimination(), RandomPruning(), NeuronMerging()])
        let result = try sweep.run(network, testInputs: test.inputs, testLabels: test.labels ?? [], calibration: calibration)
        #expect(result.rows.count == 3 * 2 + 2)
        #expect(result.rows.filter { $0.fraction == 0.5 && $0.family != "reference" }.allSatisfy { $0.hiddenNeurons == 13 })
        #expect(result.comparisons.count == 2)
        #expect(result.csv.split(separator: "\n").count == 1 + result.rows.count)
        #expect(result.latex.contains("\\toprule") && result.latex.contains("\\bottomrule"))
        #expect(result.svg.hasPrefix("<svg") && result.svg.contains("condense-ls") && result.svg.hasSuffix("</svg>\n"))
        #expect(result.rows.allSatisfy { ($0.maxChangeCalibration ?? 0) <= ($0.boundCalibration ?? 0) * 1.0001 + 1e-4 })
    }
}
