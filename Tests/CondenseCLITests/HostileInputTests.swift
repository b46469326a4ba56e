import Foundation
import Testing

/// Hostile input: every case gives one line on stderr and exit code 1 (or works, where the
/// model is valid), and every input file is byte-identical afterwards.
@Suite("Hostile input and output paths")
struct HostileInputTests {
    static func hostile(_ name: String) -> String {
        CLIRunner.root.appendingPathComponent("Tests/CondenseCLITests/Fixtures/\(name).onnx").path
    }

    /// A scratch folder with a copy of a small model, removed afterwards.
    final class Scratch {
        let folder: URL
        let model: String
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("condense-hostile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            model = folder.appendingPathComponent("m.onnx").path
            try FileManager.default.copyItem(atPath: CLIRunner.root.appendingPathComponent("graphs/zoo/gemm-skip.onnx").path, toPath: model)
        }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    static func expectOneLineError(_ result: CLIRunner.Result, containing text: String, _ comment: String) {
        #expect(result.status == 1, "\(comment): exit \(result.status), \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("condense: error:"), "\(comment): \(result.stderr)")
        #expect(result.stderr.contains(text), "\(comment): \(result.stderr)")
    }

    @Test("broken graphs are refused by name, never a crash", arguments: [
        ("zero_outputs", "has no output"), ("leaky_nan", "must be finite"), ("relu_self", "produced more than once"),
        ("transb7", "must be 0 or 1"), ("missing_weight", "A and B are required"), ("width0", "shape"),
        ("newline_name", "do not multiply"),
    ])
    func brokenGraphs(_ name: String, _ message: String) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: Self.hostile(name)))
        Self.expectOneLineError(try CLIRunner.run(["inspect", Self.hostile(name)]), containing: message, name)
        #expect(try Data(contentsOf: URL(fileURLWithPath: Self.hostile(name))) == before)
    }

    @Test("two products of one input summed (valid ONNX) load and run")
    func parallelProducts() throws {
        let result = try CLIRunner.run(["inspect", Self.hostile("two_matmuls"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("absurd scales are refused: --scale and the model's input_scale")
    func scales() throws {
        Self.expectOneLineError(try CLIRunner.run(["evaluate", "graphs/mnist/lenet-300-100.onnx", "--data", "graphs/mnist/data",
                                                   "--limit", "5", "--scale", "1e-19"]), containing: "scale", "--scale 1e-19")
        Self.expectOneLineError(try CLIRunner.run(["evaluate", Self.hostile("scale_tiny"), "--data", "graphs/mnist/data", "--limit", "5"]),
                                containing: "scale", "input_scale 1e-20")
    }

    @Test("special files as the model: one line naming what they are", arguments: ["/dev/null", "/dev/zero"])
    func specialModels(_ path: String) throws {
        Self.expectOneLineError(try CLIRunner.run(["inspect", path]), containing: "character device", path)
    }

    @Test("a FIFO as the model or as an output is refused by type, without blocking")
    func fifo() throws {
        let s = try Scratch()
        let pipe = s.path("pipe")
        #expect(mkfifo(pipe, 0o600) == 0)
        Self.expectOneLineError(try CLIRunner.run(["inspect", pipe]), containing: "FIFO", "FIFO model")
        Self.expectOneLineError(try CLIRunner.run(["simplify", s.model, "-o", pipe]), containing: "FIFO", "FIFO output")
    }

    @Test("outputs never replace an input, a second output or a special file; inputs stay byte-identical")
    func outputSafety() throws {
        let s = try Scratch()
        let before = try Data(contentsOf: URL(fileURLWithPath: s.model))
        try FileManager.default.createSymbolicLink(atPath: s.path("link.onnx"), withDestinationPath: s.model)
        let cases: [([String], String)] = [
            (["simplify", s.model, "-o", s.path("out.onnx"), "--report", s.model], "same file as the input"),
            (["simplify", s.model, "-o", s.path("link.onnx")], "same file as the input"),
            (["simplify", s.model, "-o", s.folder.path + "/./../" + s.folder.lastPathComponent + "/m.onnx"], "same file as the input"),
            (["evaluate", s.model, "--data", "graphs/zoo/gemm-skip.npz", "--dump-outputs", s.model], "same file as the input"),
            (["labels", s.model, "--scheme", "equivalence", "--export-classes", s.model], "same file as the input"),
            (["simplify", s.model, "-o", s.path("x.json"), "--report", s.path("x.json")], "name the same file"),
            (["simplify", s.model, "-o", "/dev/full"], "character device"),
            (["simplify", s.model, "-o", s.folder.path], "directory"),
        ]
        for (arguments, message) in cases {
            Self.expectOneLineError(try CLIRunner.run(arguments), containing: message, arguments.joined(separator: " "))
            #expect(try Data(contentsOf: URL(fileURLWithPath: s.model)) == before, "\(arguments)")
        }
        var isDevice = stat()
        #expect(stat("/dev/full", &isDevice) == 0 && (isDevice.st_mode & S_IFMT) == S_IFCHR, "/dev/full is still a device")
        // A normal run writes both outputs and leaves no temporary file behind.
        let ok = try CLIRunner.run(["simplify", s.model, "-o", s.path("out.onnx"), "--report", s.path("report.json")])
        #expect(ok.status == 0, "\(ok.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: s.folder.path).sorted()
        #expect(left == ["link.onnx", "m.onnx", "out.onnx", "report.json"])
    }

    @Test("budgets: absurd check points and planted widths are refused at once")
    func budgets() throws {
        let s = try Scratch()
        let started = Date()
        Self.expectOneLineError(try CLIRunner.run(["simplify", s.model, "-o", s.path("o.onnx"), "--random-points", "1000000000"]),
                                containing: "memory budget", "--random-points 1e9")
        Self.expectOneLineError(try CLIRunner.run(["plant", "-o", s.path("p.onnx"), "--widths", "100000,100000,10"]),
                                containing: "memory budget", "plant 100000")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test("degenerate calibration falls back to a ridge with one warning; labels out of range are refused")
    func degenerateData() throws {
        let s = try Scratch()
        // All-zero calibration data, written as .npy (float32, 50 x 64).
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (50, 64), }"
        while (10 + header.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xff), UInt8(header.count >> 8)]
        bytes += Array(header.utf8) + [UInt8](repeating: 0, count: 50 * 64 * 4)
        try Data(bytes).write(to: URL(fileURLWithPath: s.path("zeros.npy")))
        let result = try CLIRunner.run(["simplify", s.model, "-o", s.path("o.onnx"), "--mode", "approx", "--remove", "0.5",
                                        "--calibration", s.path("zeros.npy")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "warning:").count == 2, "one warning: \(result.stderr)")
        let one = try CLIRunner.run(["simplify", s.model, "-o", s.path("o2.onnx"), "--mode", "approx", "--remove", "0.5",
                                     "--calibration", "graphs/zoo/gemm-skip.npz", "--calibration-size", "1"])
        #expect(one.status == 0, "\(one.stderr)")
        let labels = CLIRunner.root.appendingPathComponent("Tests/CondenseCLITests/Fixtures/badlabels.npz").path
        Self.expectOneLineError(try CLIRunner.run(["evaluate", s.model, "--data", labels]), containing: "label 200 of sample 3",
                                "labels out of range")
        Self.expectOneLineError(try CLIRunner.run(["evaluate", "graphs/zoo/sklearn-pipeline.onnx", "--data", labels]),
                                containing: "label 200 of sample 3", "labels out of range, label output")
    }
}
