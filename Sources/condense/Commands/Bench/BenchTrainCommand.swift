import ArgumentParser
import CondenseCore
import CondenseData
import CondenseONNX
import CondenseTrain
import CondenseWorkflow
import Foundation

/// `condense bench train`: one training epoch in Condense against PyTorch on the CPU, in one run.
struct BenchTrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time one fine-tuning epoch (Adam, cross-entropy) and, with --compare-torch ARCH, the same epoch in PyTorch (Scripts/torch_epoch.py) in the same run.",
        discussion: """
            Both sides use the same data (the train split, the first --limit samples), batch size, optimizer and thread \
            count; neither validates. The ratio is Condense's time over PyTorch's (below 1: Condense is faster). PyTorch \
            is only needed for the comparison, never by Condense.
            """)

    @Argument(help: "An ONNX model file.") var model = "graphs/mnist/lenet-300-100.onnx"
    @Option(help: "Training data (an MNIST folder is read as its train split).") var data = "graphs/mnist/data"
    @Option(help: "Use only the first N samples.") var limit: Int?
    @Option(help: "Samples per mini-batch.") var batchSize = 64
    @Option(help: "Threads on both sides.") var threads = 2
    @Option(help: "Also time PyTorch on this architecture: lenet-300-100, lenet5 or resnet8 (needs python3 with torch).")
    var compareTorch: String?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    struct Report: Encodable {
        var model: String
        var samples: Int
        var batch_size: Int
        var threads: Int
        var condense_epoch_seconds: Double
        var torch_epoch_seconds: Double?
        /// Condense time / PyTorch time.
        var ratio: Double?
        var torch_version: String?
    }

    func validate() throws {
        if batchSize <= 0 { throw ValidationError("--batch-size must be positive") }
        if threads <= 0 || threads > 256 { throw ValidationError("--threads must be in 1...256") }
        if let limit, limit <= 0 { throw ValidationError("--limit must be positive") }
        if let compareTorch, !["lenet-300-100", "lenet5", "resnet8"].contains(compareTorch) {
            throw ValidationError("--compare-torch must be lenet-300-100, lenet5 or resnet8")
        }
    }

    func run() async throws {
        BLASThreads.set(threads)
        let onnx = try ONNXModel.load(path: model)
        let train = try Dataset.load(path: data, scale: onnx.inputScale, limit: limit, split: .train)
        var tuning = FineTuning(epochs: 1)
        tuning.batchSize = batchSize
        tuning.validationFraction = 0
        tuning.threads = threads
        Terminal.progress("timing Condense (\(threads) thread(s)) ...")
        let task = try FineTuneJob.task(of: onnx, data: train)
        let result = try tuning.run(onnx.graph, data: train, classify: task == .classify)
        var report = Report(model: model, samples: train.count, batch_size: batchSize, threads: threads,
                            condense_epoch_seconds: result.history[1].seconds)
        if let arch = compareTorch {
            Terminal.progress("timing PyTorch ...")
            let (seconds, version) = try Self.torch(arch: arch, data: data, limit: limit, batchSize: batchSize, threads: threads)
            report.torch_epoch_seconds = seconds
            report.torch_version = version
            report.ratio = report.condense_epoch_seconds / seconds
        }
        if json { try Terminal.printJSON(report) } else { print(report.text) }
    }

    static func torch(arch: String, data: String, limit: Int?, batchSize: Int, threads: Int) throws -> (Double, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Scripts/torch_epoch.py", arch, "--data", data, "--batch-size", "\(batchSize)",
                             "--threads", "\(threads)", "--json"] + (limit.map { ["--limit", "\($0)"] } ?? [])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw CondenseError.io("cannot start python3 for the PyTorch timing: \(error.localizedDescription)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
              let seconds = object["epoch_seconds"] as? Double else {
            throw CondenseError.io("the PyTorch timing failed (is torch installed for python3? run Scripts/torch_epoch.py)")
        }
        return (seconds, object["torch"] as? String ?? "?")
    }
}

extension BenchTrainCommand.Report {
    var text: String {
        var table = Table("runtime", "one epoch (s)", "samples/s")
        table.add("Condense (OpenBLAS, \(threads) thread(s))", String(format: "%.2f", condense_epoch_seconds),
                  String(format: "%.0f", Double(samples) / condense_epoch_seconds))
        if let t = torch_epoch_seconds {
            table.add("PyTorch \(torch_version ?? "") (CPU, \(threads) thread(s))", String(format: "%.2f", t), String(format: "%.0f", Double(samples) / t))
            table.add("ratio Condense / PyTorch", String(format: "%.2f", ratio ?? 0), "")
        }
        return "One training epoch of \(model): \(samples) samples, batch \(batch_size), Adam, cross-entropy\n" + table.rendered
    }
}
