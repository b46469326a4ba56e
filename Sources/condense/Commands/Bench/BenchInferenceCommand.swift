import ArgumentParser
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import Foundation

/// `condense bench inference`: Condense's forward pass against ONNX Runtime, in one run.
struct BenchInferenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference",
        abstract: "Time the forward pass per batch of 256 and per single sample (medians), optionally against ONNX Runtime in the same run.")

    @Argument(help: "An ONNX model file.") var model = "graphs/mnist/lenet-300-100.onnx"
    @Option(help: "Data to run on.") var data = "graphs/mnist/data"
    @Option(help: "Timed runs per measurement (median reported).") var repeats = 30
    @Option(help: "OpenBLAS threads (1 compares with ONNX Runtime's single-thread session).") var threads = 1
    @Flag(help: "Also time ONNX Runtime through `python3 Scripts/ort_check.py --bench` and report ratios.")
    var compareOrt = false
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Timing: Encodable {
        var batch256_ms: Double
        var single_sample_ms: Double
    }

    struct Report: Encodable {
        var model: String
        var threads: Int
        var condense: Timing
        /// The unit layers alone (the network in place of the core), without the rest of the graph.
        var condense_unit_layers: Timing
        var onnxruntime: Timing?
        /// Condense time / ONNX Runtime time (below 1: Condense is faster).
        var ratio_batch256: Double?
        var ratio_single_sample: Double?
    }

    func run() async throws {
        BLASThreads.set(threads)
        let onnx = try ONNXModel.load(path: model)
        let dataset = try Dataset.load(path: data, scale: onnx.inputScale, limit: 256, split: .test)
        guard dataset.count >= 256 else { throw CondenseError.invalidData("need at least 256 samples to time a batch") }
        let batch = dataset.inputs.rows(0..<256)
        let single = dataset.inputs.rows(0..<1)
        Terminal.progress("timing Condense (\(threads) OpenBLAS thread(s)) ...")
        // The whole model (every node, as ONNX Runtime runs it), not only its unit layers.
        let batchSeconds = try Stopwatch.median(repeats: repeats) { _ = try onnx.run(batch) }
        let singleSeconds = try Stopwatch.median(repeats: repeats * 10) { _ = try onnx.run(single) }
        let coreBatch = try onnx.coreInputs(batch), coreSingle = try onnx.coreInputs(single)
        let network = onnx.network
        let coreBatchSeconds = try Stopwatch.median(repeats: repeats) { _ = try network.forward(coreBatch) }
        let coreSingleSeconds = try Stopwatch.median(repeats: repeats * 10) { _ = try network.forward(coreSingle) }
        var report = Report(model: model, threads: threads,
                            condense: Timing(batch256_ms: batchSeconds * 1e3, single_sample_ms: singleSeconds * 1e3),
                            condense_unit_layers: Timing(batch256_ms: coreBatchSeconds * 1e3, single_sample_ms: coreSingleSeconds * 1e3))
        if compareOrt {
            Terminal.progress("timing ONNX Runtime ...")
            let ort = try OnnxRuntimeBench.run(model: model, data: data, repeats: repeats, threads: threads)
            report.onnxruntime = ort
            report.ratio_batch256 = report.condense.batch256_ms / ort.batch256_ms
            report.ratio_single_sample = report.condense.single_sample_ms / ort.single_sample_ms
        }
        if json { try Terminal.printJSON(report) } else { print(report.text) }
    }
}

extension BenchInferenceCommand.Report {
    var text: String {
        var table = Table("runtime", "batch of 256 (ms)", "single sample (ms)")
        table.add("Condense (OpenBLAS, \(threads) thread(s))", String(format: "%.4f", condense.batch256_ms),
                  String(format: "%.4f", condense.single_sample_ms))
        table.add("  of which the unit layers alone", String(format: "%.4f", condense_unit_layers.batch256_ms),
                  String(format: "%.4f", condense_unit_layers.single_sample_ms))
        if let ort = onnxruntime {
            table.add("ONNX Runtime", String(format: "%.4f", ort.batch256_ms), String(format: "%.4f", ort.single_sample_ms))
            table.add("ratio Condense / ORT", String(format: "%.2f", ratio_batch256 ?? 0), String(format: "%.2f", ratio_single_sample ?? 0))
        }
        return "Inference speed of \(model) (medians)\n" + table.rendered
    }
}

/// ONNX Runtime timings from `Scripts/ort_check.py --bench --json` (needs python3 with onnxruntime).
enum OnnxRuntimeBench {
    static func run(model: String, data: String, repeats: Int, threads: Int) throws -> BenchInferenceCommand.Timing {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Scripts/ort_check.py", model, "--data", data, "--limit", "256",
                             "--bench", "--repeat", "\(repeats)", "--json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            throw CondenseError.io("cannot start python3 for the ONNX Runtime timing: \(error.localizedDescription)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let bench = object["bench"] as? [String: Any],
              let session = bench[threads == 1 ? "single_thread" : "default_threads"] as? [String: Any],
              let batch = session["batch256_ms_median"] as? Double,
              let single = session["single_sample_ms_median"] as? Double
        else {
            throw CondenseError.io("ONNX Runtime timing failed (is onnxruntime installed for python3? run Scripts/ort_check.py --bench)")
        }
        return BenchInferenceCommand.Timing(batch256_ms: batch, single_sample_ms: single)
    }
}
