import Foundation
import Testing

/// The fuzz targets, built without the fuzzer, replay the committed seed corpus and every
/// crash the fuzzer ever found (`Tests/Fuzz/Crashes`): a crash class found once stays fixed.
@Suite("Fuzz corpus replay")
struct FuzzReplayTests {
    @Test("each target replays its corpus and crash fixtures without a crash", arguments: [
        ("FuzzONNX", "onnx"), ("FuzzIDX", "idx"), ("FuzzNPY", "npy"), ("FuzzNPZ", "npz"),
    ])
    func replay(_ target: String, _ kind: String) throws {
        let binary = CLIRunner.executable.deletingLastPathComponent().appendingPathComponent(target)
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "\(target) is built with the package")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["Tests/Fuzz/Corpus/\(kind)", "Tests/Fuzz/Crashes/\(kind)"]
        process.currentDirectoryURL = CLIRunner.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("without a crash"))
    }
}
