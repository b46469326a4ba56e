import ArgumentParser
import CondenseApproximate
import CondenseCollapse
import CondenseCore
import CondenseData
import CondenseEval
import CondenseONNX
import CondenseRender
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
        var step = DemoSteps(total: 6)
        step.next("inspect \(model)")
        let onnx = try ONNXModel.load(path: model)
        let original = onnx.network
        let test = try Dataset.load(path: data, scale: onnx.inputScale, split: .test)
        var summary = DemoSummary(model: ModelSummary(path: model, model: onnx), data: test.description)

        step.next("evaluate on \(test.count) test images")
        summary.rows.append(try DemoSummary.Row(name: "original", path: model, network: original, test: test))

        step.next("exact collapse (domain from the model's metadata)")
        let exactOptions = ExactCollapseOptions(domain: original.inputDomain)
        let exact = try ExactCollapse(options: exactOptions).run(original)
        let certificate = try exact.certificate(original: original, options: exactOptions, randomPoints: 1000, seed: 0,
                                                data: test.inputs)
        let exactPath = file("exact.onnx")
        try onnx.write(network: exact.network, to: exactPath, metadata: ["condense.simplified": "exact"])
        try AtomicFile.write(try SimplifyReport(model: model, output: exactPath, data: test.description,
                                                certificate: certificate,
                                                exportRoundTrip: try readBack(exactPath, against: exact.network))
                                .jsonText(), to: file("exact-report.json"))
        summary.rows.append(try DemoSummary.Row(name: "exact", path: exactPath, network: exact.network, test: test))
        summary.exactMaxRelativeChange = max(certificate.randomPoints.maxRelativeChange, certificate.data?.maxRelativeChange ?? 0)

        step.next("approximate collapse: remove \(Int(remove * 100)) % of the hidden neurons")
        let train = try Dataset.load(path: data, scale: onnx.inputScale, limit: calibrationSize, split: .train)
        let calibration = try CalibrationData(inputs: train.inputs, labels: train.labels)
        let method = ReductionMethods.defaultMethod(hasCalibration: true)
        let approximate = try ApproximateCollapse(
            method: method, options: ApproximateCollapseOptions(target: .fraction(remove), exact: exactOptions))
            .run(original, calibration: calibration)
        let approxPath = file("approx.onnx")
        try onnx.write(network: approximate.network, to: approxPath,
                       metadata: ["condense.simplified": "approx", "condense.method": method.name])
        let approxReport = ApproximateSimplifyReport(
            model: model, output: approxPath, calibration: train.description, result: approximate, data: nil,
            exportRoundTrip: try readBack(approxPath, against: approximate.network))
        try AtomicFile.write(try approxReport.jsonText(), to: file("approx-report.json"))
        summary.rows.append(try DemoSummary.Row(name: "approx (\(method.name))", path: approxPath,
                                                network: approximate.network, test: test))
        summary.approximateBound = approximate.bound.domain

        step.next("render before.svg, after.svg, compare.svg")
        try render(NeuronDrawing.make(original), to: "before.svg", in: &summary)
        try render(NeuronDrawing.make(approximate.network), to: "after.svg", in: &summary)
        let simplification = try Simplification(before: original, after: approximate.network, fates: approximate.fates)
        try render(CompareDrawing.make(simplification), to: "compare.svg", in: &summary)

        step.next("summary")
        let text = summary.text
        summary.outputs += [file("summary.txt"), file("summary.json")]
        try AtomicFile.write(text + "\n", to: file("summary.txt"))
        try AtomicFile.write(try summary.jsonText(), to: file("summary.json"))
        if json { try Terminal.printJSON(summary) } else { print(text) }
    }

    private func file(_ name: String) -> String { (out as NSString).appendingPathComponent(name) }

    /// The largest output difference between the written file and the network it should hold.
    private func readBack(_ path: String, against network: Network) throws -> OutputDeviation {
        let reloaded = try ONNXModel.load(path: path).network
        let points = RandomPoints.uniform(count: 256, width: network.inputWidth, domain: network.inputDomain ?? 0...1, seed: 1)
        return try OutputDeviation.measure(original: network, simplified: reloaded, inputs: points)
    }

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
