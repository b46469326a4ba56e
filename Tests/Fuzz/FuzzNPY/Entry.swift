import Foundation
import FuzzSupport

#if FUZZING
/// libFuzzer's callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzNPY.test(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// The entry point hands control to libFuzzer's driver (SwiftPM names the executable's main).
@main
enum FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
    }
}
#else
/// Without the fuzzer: replays the given files or folders (a corpus, crash fixtures).
@main
enum Replay {
    static func main() {
        let count = FuzzNPY.replay(Array(CommandLine.arguments.dropFirst()))
        print("FuzzNPY: replayed \(count) input(s) without a crash")
    }
}
#endif
