import Foundation
import Testing

/// `condense finetune` and `simplify --finetune-epochs` from the command line: a real run
/// writes a model that reads back, and bad input gets one line and exit 1.
@Suite("finetune command")
struct FineTuneCLITests {
    typealias Scratch = HostileInputTests.Scratch

    @Test("finetune writes a model with its history; simplify --finetune-epochs fine-tunes after the collapse")
    func runs() throws {
        let scratch = try Scratch()
        let out = scratch.path("ft.onnx")
        let result = try CLIRunner.run(["finetune", "graphs/mnist/lenet-300-100.onnx", "--data", "graphs/mnist/data", "--limit", "600",
                                        "-o", out, "--epochs", "2", "--test", "graphs/mnist/data", "--test-limit", "300", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json)
        #expect((json["history"] as? [Any])?.count == 3)
        #expect(json["training_samples"] as? Int == 540)
        #expect(result.stderr.contains("fine-tuning epoch 2/2"))
        #expect(FileManager.default.fileExists(atPath: out))
        let check = try CLIRunner.run(["evaluate", out, "--data", "graphs/mnist/data", "--limit", "300", "--json"])
        #expect(check.status == 0, "\(check.stderr)")

        let simplified = scratch.path("s.onnx")
        let s = try CLIRunner.run(["simplify", "graphs/mnist/lenet-300-100.onnx", "-o", simplified, "--mode", "approx", "--units",
                                   "--remove", "0.5", "--criterion", "l1", "--compensation", "none", "--finetune-epochs", "1",
                                   "--finetune-data", "graphs/mnist/data", "--finetune-limit", "600", "--schedule", "iterative",
                                   "--steps", "2", "--data", "graphs/mnist/data", "--limit", "300", "--json"])
        #expect(s.status == 0, "\(s.stderr)")
        let sjson = try #require(s.json)
        let steps = try #require(sjson["steps"] as? [[String: Any]])
        #expect(steps.count == 2)
        #expect((steps.last?["fraction"] as? Double).map { abs($0 - 0.5) < 1e-9 } == true)
    }

    @Test("bad fine-tuning input: one line, exit 1, inputs untouched", arguments: [
        (["--epochs", "0"], "--epochs"), (["--lr", "nan"], "--lr"), (["--validation-fraction", "1"], "--validation-fraction"),
        (["--data", "/nonexistent"], "not found"), (["-o", "MODEL"], "MODEL"),
    ])
    func badInput(_ extra: [String], _ message: String) throws {
        let scratch = try Scratch()
        var arguments = ["finetune", scratch.model, "--data", "graphs/mnist/data", "--limit", "100", "-o", scratch.path("o.onnx")]
        var i = 0
        while i < extra.count {
            let value = extra[i + 1] == "MODEL" ? scratch.model : extra[i + 1]
            if let at = arguments.firstIndex(of: extra[i]) { arguments[at + 1] = value } else { arguments += [extra[i], value] }
            i += 2
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: scratch.model))
        HostileInputTests.expectOneLineError(try CLIRunner.run(arguments), containing: message, "\(extra)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scratch.model)) == before)
    }

    @Test("a training step over the memory budget is refused before it is allocated")
    func memory() throws {
        let scratch = try Scratch()
        HostileInputTests.expectOneLineError(
            try CLIRunner.run(["finetune", "graphs/mnist/lenet-300-100.onnx", "--data", "graphs/mnist/data", "--limit", "100",
                               "-o", scratch.path("o.onnx"), "--max-memory", "0.01", "--batch-size", "8192"]),
            containing: "--max-memory", "memory")
        #expect(!FileManager.default.fileExists(atPath: scratch.path("o.onnx")))
    }

    @Test("fine-tuning is refused in exact mode, where a certificate would not survive it")
    func exactRefused() throws {
        let scratch = try Scratch()
        HostileInputTests.expectOneLineError(
            try CLIRunner.run(["simplify", scratch.model, "-o", scratch.path("o.onnx"), "--finetune-epochs", "1"]),
            containing: "--finetune-epochs", "exact")
    }
}
