import ArgumentParser
import CondenseApproximate
import CondenseCore
import CondenseData
import CondenseONNX
import CondenseWorkflow
import Foundation

extension SweepCommand {
    /// `sweep --units`: accuracy against the fraction of conv channels and neurons removed,
    /// every criterion with and without least-squares compensation, no fine-tuning.
    func runUnits() throws {
        let names = ["results.csv", "results.md", "results.tex", "accuracy.svg", "summary.json"]
        try OutputSafety.check(folder: out, flag: "--out", files: names,
                               inputs: [("MODEL", model), ("--data", data), ("--calibration", calibration)])
        let fractionList = try fractions.split(separator: ",").map { part -> Double in
            guard let value = Double(part.trimmingCharacters(in: .whitespaces)), value >= 0, value < 1 else {
                throw CondenseError.invalidArgument("--fractions '\(fractions)' is not a comma-separated list of numbers in [0, 1)")
            }
            return value
        }
        let chosen = try methods.map { list in
            try list.split(separator: ",").map { try UnitSweep.Method.named($0.trimmingCharacters(in: .whitespaces)) }
        } ?? UnitSweep.Method.all
        let onnx = try ONNXModel.load(path: model)
        let test = try Dataset.load(path: data, scale: onnx.inputScale, limit: limit, split: .test)
        let train = try Dataset.load(path: calibration, scale: onnx.inputScale, limit: calibrationSize, split: .train)
        Terminal.progress("test: \(test.description); calibration: \(train.description)")
        var sweep = UnitSweep(fractions: fractionList, methods: chosen)
        if saveModels {
            let folder = (out as NSString).appendingPathComponent("models")
            try OutputSafety.check(folder: folder, flag: "--save-models", files: chosen.flatMap { m in fractionList.map { UnitSweep.modelFile(m, $0) } },
                                   inputs: [("MODEL", model), ("--data", data), ("--calibration", calibration)])
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            sweep.modelFolder = folder
        }
        let result = try sweep.run(onnx, calibration: train, test: test, progress: Terminal.progress)
        let title = "\((model as NSString).lastPathComponent): accuracy against units removed (no fine-tuning)"
        let files = ["results.csv": result.csv, "results.md": result.markdown, "results.tex": result.latex,
                     "accuracy.svg": result.svg(title: title)]
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            try AtomicFile.write(text, to: (out as NSString).appendingPathComponent(name))
        }
        let summary = UnitSweepSummary(model: model, data: test.description, calibration: train.description,
                                       baselineAccuracy: result.baselineAccuracy, before: result.before, rows: result.rows,
                                       totalSeconds: result.totalSeconds, table: result.markdown)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n",
                             to: (out as NSString).appendingPathComponent("summary.json"))
        if json { try Terminal.printJSON(summary) } else {
            print(String(format: "Unit sweep of %@: original %.2f %%, %d removable units, %d parameters, %.1f s",
                         model, 100 * result.baselineAccuracy, result.before.units, result.before.parameters, result.totalSeconds))
            print("")
            print(result.markdown)
            print("wrote " + names.map { (out as NSString).appendingPathComponent($0) }.joined(separator: ", "))
        }
    }
}

struct UnitSweepSummary: Encodable {
    var model: String
    var data: String
    var calibration: String
    var baselineAccuracy: Double
    var before: UnitSimplification.Size
    var rows: [UnitSweep.Row]
    var totalSeconds: Double
    var table: String

    enum CodingKeys: String, CodingKey {
        case model, data, calibration, before, rows, table
        case baselineAccuracy = "baseline_accuracy"
        case totalSeconds = "total_seconds"
    }
}
