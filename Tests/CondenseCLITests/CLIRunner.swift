import Foundation

/// Runs the built `condense` executable and captures its exit code and output.
enum CLIRunner {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
        }
    }

    /// The executable next to the test bundle (SwiftPM builds it for the test target).
    static var executable: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("condense"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("condense"),
            root.appendingPathComponent(".build/debug/condense"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        // The tests run OpenBLAS as the machine sets it up (no kernel choice by Condense).
        var environment = ProcessInfo.processInfo.environment
        environment["CONDENSE_BLAS_AUTODETECT"] = "0"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func fixture(_ name: String) -> String {
        root.appendingPathComponent("Tests/CondenseONNXTests/Fixtures/\(name)").path
    }
}
