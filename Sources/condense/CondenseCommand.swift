import ArgumentParser
import CondenseCore
import Foundation

/// The `condense` command line: a thin layer over the Condense modules.
struct CondenseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "condense",
        abstract: "Make trained neural networks smaller by removing neurons, and show how.",
        discussion: """
            Exit codes: 0 success, 1 user error (bad file, bad flag, bad data), 2 internal error.
            Every command takes --json to print one JSON object on stdout.
            """,
        version: "0.1.0",
        subcommands: CondenseCommand.allSubcommands)
}

/// Runs the CLI with Condense's exit-code conventions: one line on stderr and exit
/// code 1 for a user error, 2 for an internal error.
@main
enum Main {
    static func main() async {
        chooseBLASKernels()
        removeTemporaryFilesOnSignals()
        do {
            var command = try CondenseCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CondenseError {
            Terminal.error(error.description)
            exit(error.isUserError ? 1 : 2)
        } catch {
            let code = CondenseCommand.exitCode(for: error)
            if code == .success {
                CondenseCommand.exit(withError: error)  // --help, --version
            }
            let message = CondenseCommand.message(for: error)
            Terminal.error(message.isEmpty ? "\(error)" : message)
            if message.contains("Usage:") || error is ValidationError || code == .validationFailure {
                exit(1)
            }
            exit(code == .failure ? 1 : 2)
        }
    }
}

/// Re-executes the process once with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to
/// generic kernels on a processor with AVX2 or AVX-512 (see ``CondenseCore/BLASCore``).
func chooseBLASKernels() {
    let environment = ProcessInfo.processInfo.environment
    guard environment["OPENBLAS_CORETYPE"] == nil, environment["CONDENSE_BLAS_AUTODETECT"] != "0",
          let core = BLASCore.preferredCoreType(flags: BLASCore.cpuFlags(), current: BLASCore.current) else { return }
    setenv("OPENBLAS_CORETYPE", core, 1)
    setenv("CONDENSE_BLAS_AUTODETECT", "0", 1)  // once
    var arguments = CommandLine.arguments.map { strdup($0) }
    arguments.append(nil)
    execv("/proc/self/exe", &arguments)
    // execv returns only on failure: go on with the generic kernels.
}

/// On SIGINT or SIGTERM, removes the temporary files of outputs being written, then exits
/// with 128 + the signal's number.
func removeTemporaryFilesOnSignals() {
    for signalNumber in [SIGINT, SIGTERM] {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
        source.setEventHandler {
            TemporaryFiles.removeAll()
            exit(128 + signalNumber)
        }
        source.resume()
        SignalSources.keep.append(source)
    }
}

/// Keeps the signal sources alive for the life of the process.
enum SignalSources {
    nonisolated(unsafe) static var keep: [any DispatchSourceSignal] = []
}

