import CondenseCore
import CondenseData
import CondenseEval
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
        var microseconds_per_sample: Double

        init(name: String, path: String, network: Network, test: Dataset) throws {
            let (evaluation, _) = try Evaluator().evaluate(network, inputs: test.inputs, labels: test.labels)
            self.name = name
            self.path = path
            widths = network.layers.map(\.width)
            hidden_neurons = network.hiddenNeuronCount
            parameters = network.parameterCount
            accuracy = evaluation.accuracy ?? 0
            microseconds_per_sample = evaluation.secondsPerSample * 1e6
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
        var table = Table("model", "widths", "hidden neurons", "parameters", "test accuracy", "µs / sample")
        for row in rows {
            table.add(row.name, row.widths.map(String.init).joined(separator: "-"), "\(row.hidden_neurons)",
                      "\(row.parameters)", String(format: "%.2f %%", row.accuracy * 100),
                      String(format: "%.2f", row.microseconds_per_sample))
        }
        return """
            == Condense demo ==
            \(model.text)

            Evaluated on \(data)
            \(table.rendered)

            Exact collapse: max relative output change \(String(format: "%.3g", exactMaxRelativeChange)) \
            (random points of the domain and the test set).
            Outputs: \(outputs.joined(separator: ", "))
            """
    }
}
