import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import Foundation

/// What `condense demo` reports: one row per model (original, exact, approximate).
struct DemoSummary: JSONReport {
    struct Row: Encodable {
        var name: String
        var path: String
        var widths: [Int]
        var hidden_neurons: Int
        var parameters: Int
        var accuracy: Double
        /// Median forward-pass time of a batch of 256 test images (30 runs, one OpenBLAS thread), per sample.
        var microseconds_per_sample: Double

        /// Scores the model file at `path` on `test` (the whole graph runs) and times it.
        init(name: String, path: String, test: Dataset) throws {
            let model = try ONNXModel.load(path: path)
            let network = model.network
            let (evaluation, _) = try ModelEvaluator().evaluate(model, inputs: test.inputs, labels: test.labels, targets: test.targets)
            self.name = name
            self.path = path
            widths = network.layers.map(\.width)
            hidden_neurons = network.hiddenNeuronCount
            parameters = network.parameterCount
            accuracy = evaluation.accuracy ?? 0
            let batch = test.inputs.rows(0..<min(256, test.count))
            let seconds = try BLASThreads.with(1) { try Stopwatch.median(repeats: 30) { _ = try model.run(batch) } }
            microseconds_per_sample = seconds / Double(max(1, batch.rows)) * 1e6
        }
    }

    var model: ModelSummary
    var data: String
    var rows: [Row] = []
    var exactMaxRelativeChange: Double = 0
    var approximateBound: Double?
    var outputs: [String] = []

    enum CodingKeys: String, CodingKey {
        case model, data, rows, outputs
        case exactMaxRelativeChange = "exact_max_relative_change"
        case approximateBound = "approximate_bound"
    }

    var text: String {
        var table = Table("model", "widths", "hidden neurons", "parameters", "test accuracy", "µs / sample", "speed-up")
        let reference = rows.first?.microseconds_per_sample ?? 1
        for row in rows {
            table.add(row.name, row.widths.map(String.init).joined(separator: "-"), "\(row.hidden_neurons)",
                      "\(row.parameters)", String(format: "%.2f %%", row.accuracy * 100),
                      String(format: "%.2f", row.microseconds_per_sample),
                      String(format: "%.2fx", reference / max(row.microseconds_per_sample, 1e-12)))
        }
        let bound = approximateBound.map {
            String(format: "\nApproximate collapse: bound on max |output change| over the input domain %.3g.", $0)
        } ?? ""
        return """
            == Condense demo ==
            \(model.text)

            Evaluated on \(data)
            \(table.rendered)

            Exact collapse: max relative output change \(String(format: "%.3g", exactMaxRelativeChange)) \
            (random points of the domain and the test set).
            Time per sample: median forward pass of a batch of 256 on one OpenBLAS thread, measured in this run.\(bound)
            Outputs: \(outputs.joined(separator: ", "))
            """
    }
}
