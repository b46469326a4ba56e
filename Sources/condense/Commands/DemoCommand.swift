import ArgumentParser
import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import CondenseRender
import CondenseWorkflow
import Foundation

/// `condense demo`: the main job on the bundled LeNet-300-100 and MNIST.
///
/// Inspect, evaluate, exact collapse (with its certificate), approximate collapse of half
/// the hidden neurons (calibrated on training images), export both models, evaluate them,
/// and render before / after / compare pictures; a summary in text and JSON.
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
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if !(remove > 0 && remove < 1) { throw ValidationError("--remove must be between 0 and 1") }
        if calibrationSize <= 0 { throw ValidationError("--calibration-size must be positive") }
    }

    func run() async throws {
        try OutputSafety.check(folder: out, flag: "--out", files: Self.outputFiles, inputs: [("--model", model), ("--data", data)])
        var step = DemoSteps(total: 6)
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
    static let outputFiles = ["exact.onnx", "exact-report.json", "approx.onnx", "approx-report.json", "before.svg",
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
