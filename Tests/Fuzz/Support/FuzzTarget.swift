import Foundation

/// A fuzz target: one function of arbitrary bytes that must never trap.
///
/// Built with `-sanitize=fuzzer,address -DFUZZING` (see `Scripts/fuzz.sh`), each target is a
/// libFuzzer binary; built normally (as `swift build` and `swift test` do), it replays the
/// files or folders given as arguments, so that a crash found once stays a regression check.
public protocol FuzzTarget {
    static func test(_ bytes: [UInt8])
}

extension FuzzTarget {
    /// Runs every file given (folders: every file in them, sorted); returns the count.
    public static func replay(_ paths: [String]) -> Int {
        var count = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                test([UInt8](data))
                count += 1
            }
        }
        return count
    }
}

/// libFuzzer's driver (in the fuzzer runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
public func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The target the libFuzzer callback runs (set once, before the driver starts).
nonisolated(unsafe) private var currentTarget: (any FuzzTarget.Type)?

/// The entry point of every fuzz executable: libFuzzer's driver when built with
/// `-sanitize=fuzzer -DFUZZING`, else a replay of the files and folders given.
public enum FuzzMain {
    public static func run(_ target: any FuzzTarget.Type) -> Never {
        #if FUZZING
        currentTarget = target
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
        #else
        let count = target.replay(Array(CommandLine.arguments.dropFirst()))
        print("\(target): replayed \(count) input(s) without a crash")
        exit(0)
        #endif
    }
}

#if FUZZING
/// libFuzzer's callback (the runtime also refers to it by this name).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    currentTarget?.test(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif
