import ArgumentParser
import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import CondenseRender
import CondenseTrain
import CondenseWorkflow
import Foundation

/// `condense demo`: the main job on the bundled LeNet-300-100 and MNIST.
///
/// Inspect, evaluate, exact collapse (with its certificate), approximate collapse of half
/// the hidden neurons (calibrated on training images), collapse of 80 % of them followed by
/// one epoch of fine-tuning, export the models, evaluate them, and render before / after /
/// compare pictures; a summary in text and JSON.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The main job on the bundled model and data: inspect, evaluate, simplify (exact and approximate), "
            + "export, render, summarize.")

    @Option(help: "Folder for the demo's outputs.") var out = "demo-out"
    @Option(help: "The model (default: the bundled LeNet-300-100).") var model = "graphs/mnist/lenet-300-100.onnx"
    @Option(help: "The data: test split for evaluation, train split for calibration.") var data = "graphs/mnist/data"
    @Option(help: "Fraction of hidden neurons the approximate step removes.") var remove = 0.5
    @Option(help: "Calibration samples from the training split.") var calibrationSize = 5000
    @Option(help: "Fraction of hidden neurons removed before the fine-tuning step.") var fineTuneRemove = 0.8
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if !(remove > 0 && remove < 1) { throw ValidationError("--remove must be between 0 and 1") }
        if calibrationSize <= 0 { throw ValidationError("--calibration-size must be positive") }
        if !(fineTuneRemove > 0 && fineTuneRemove < 1) { throw ValidationError("--fine-tune-remove must be between 0 and 1") }
    }

    func run() async throws {
        try OutputSafety.check(folder: out, flag: "--out", files: Self.outputFiles, inputs: [("--model", model), ("--data", data)])
        var step = DemoSteps(total: 7)
        step.next("inspect \(model)")
        let onnx = try ONNXModel.load(path: model)
        let test = try Dataset.load(path: data, scale: onnx.inputScale, split: .test)
        var summary = DemoSummary(model: try ModelSummary(path: model, model: onnx), data: test.description)

        step.next("evaluate on \(test.count) test images")
        summary.rows.append(try DemoSummary.Row(name: "original", path: model, test: test))

        step.next("exact collapse (domain from the model's metadata)")
        let domain = try ModelDomain.resolve(onnx)
        let exactPath = file("exact.onnx")
        let exact = try ExactSimplification(domain: domain, randomPoints: 1000, seed: 0)
            .run(onnx, writingTo: exactPath, data: test)
        try AtomicFile.write(try SimplifyReport(model: model, output: exactPath, data: test.description,
                                                certificate: exact.certificate, modelDomain: domain?.modelBox,
                                                wholeGraph: exact.wholeGraph).jsonText(), to: file("exact-report.json"))
        summary.rows.append(try DemoSummary.Row(name: "exact", path: exactPath, test: test))
        summary.exactMaxRelativeChange = [exact.wholeGraph.randomPoints, exact.wholeGraph.data, exact.wholeGraph.exportRoundTrip]
            .compactMap { $0?.maxRelativeChange }.max() ?? 0

        step.next("approximate collapse: remove \(Int(remove * 100)) % of the hidden neurons")
        let train = try Dataset.load(path: data, scale: onnx.inputScale, limit: calibrationSize, split: .train)
        let method = ReductionMethods.defaultMethod(hasCalibration: true)
        let approxPath = file("approx.onnx")
        let approximate = try ApproximateSimplification(
            method: method, options: ApproximateCollapseOptions(target: .fraction(remove)), domain: domain)
            .run(onnx, calibration: train, writingTo: approxPath)
        let approxReport = ApproximateSimplifyReport(
            model: model, output: approxPath, calibration: train.description, result: approximate.result, data: nil,
            exportRoundTrip: approximate.exportRoundTrip)
        try AtomicFile.write(try approxReport.jsonText(), to: file("approx-report.json"))
        summary.rows.append(try DemoSummary.Row(name: "approx (\(method.name))", path: approxPath, test: test))
        summary.approximateBound = approximate.result.bound.onDomain
        let original = onnx.network

        step.next("collapse \(Int(fineTuneRemove * 100)) % of the hidden neurons, then fine-tune for one epoch")
        let fullTrain = try Dataset.load(path: data, scale: onnx.inputScale, split: .train)
        var tuning = FineTuning(epochs: 1)
        tuning.learningRate = 0.003
        tuning.schedule = .cosine
        tuning.distillation = .init(weight: 0.5)
        let units = UnitSimplification(collapse: ApproximateUnitCollapse(criterion: .condense, compensation: .leastSquares,
                                                                        fraction: fineTuneRemove, layerKinds: [.neurons]))
        let tuned = try FineTunedSimplification(simplification: units, tuning: tuning)
            .run(onnx, calibration: train.prefix(2000), train: fullTrain, test: nil)
        let tunedPath = file("finetuned.onnx")
        try AtomicFile.write(tuned.data, to: tunedPath)
        let collapsedPath = file("collapsed.onnx")
        try AtomicFile.write(tuned.collapse.data, to: collapsedPath)
        summary.rows.append(try DemoSummary.Row(name: "approx units \(Int(fineTuneRemove * 100)) %", path: collapsedPath, test: test))
        summary.rows.append(try DemoSummary.Row(name: "  + 1 epoch fine-tuning", path: tunedPath, test: test))

        step.next("render before.svg, after.svg, compare.svg")
        try render(NeuronDrawing.make(original), to: "before.svg", in: &summary)
        try render(NeuronDrawing.make(approximate.result.network), to: "after.svg", in: &summary)
        let simplification = try Simplification(before: original, after: approximate.result.network, fates: approximate.result.fates)
        try render(CompareDrawing.make(simplification), to: "compare.svg", in: &summary)

        step.next("summary")
        let text = summary.text
        summary.outputs += [file("summary.txt"), file("summary.json")]
        try AtomicFile.write(text + "\n", to: file("summary.txt"))
        try AtomicFile.write(try summary.jsonText(), to: file("summary.json"))
        if json { try Terminal.printJSON(summary) } else { print(text) }
    }

    /// Every file the demo writes into `--out`.
    static let outputFiles = ["exact.onnx", "exact-report.json", "approx.onnx", "approx-report.json", "collapsed.onnx", "finetuned.onnx", "before.svg",
                              "after.svg", "compare.svg", "summary.txt", "summary.json"]

    private func file(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }

    private func render(_ drawing: Drawing, to name: String, in summary: inout DemoSummary) throws {
        let output = try drawing.render(.svg)
        try AtomicFile.write(output.data, to: file(name))
        summary.outputs.append(file(name))
    }
}

/// Numbered progress lines on stderr.
struct DemoSteps {
    var total: Int
    private var current = 0
    init(total: Int) { self.total = total }
    mutating func next(_ message: String) {
        current += 1
        Terminal.progress("[\(current)/\(total)] \(message)")
    }
}
