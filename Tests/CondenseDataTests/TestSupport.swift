import CondenseCore
import Foundation

/// The package root: three levels up from this file.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled MNIST files.
let mnistDirectory = packageRoot.appendingPathComponent("graphs/mnist/data").path

/// The bytes the fixtures compress (same generator as `sample` in the fixture script):
/// random letters, runs, and copies from 1999 and 30000 bytes back.
func sampleData(_ n: Int) -> [UInt8] {
    var s = 12345
    var d: [UInt8] = []
    d.reserveCapacity(n)
    for i in 0..<n {
        s = (s &* 1103515245 &+ 12345) & 0x7FFF_FFFF
        let r = s >> 16
        if i >= 30000 && i % 1000 != 0 {
            d.append(d[i - 30000])
        } else if i >= 2000 && (i / 500) % 2 == 0 {
            d.append(d[i - 1999])
        } else if (i / 300) % 7 == 3 {
            d.append(UInt8(ascii: "z"))
        } else {
            d.append(UInt8(ascii: "a") + UInt8(r % 4))
        }
    }
    return d
}

/// A small deterministic random generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes DEFLATE bits by hand, to make malformed streams.
struct BitWriter {
    var bytes: [UInt8] = []
    var bitCount = 0

    /// `count` bits of `value`, least significant first (header fields, extra bits).
    mutating func bits(_ value: Int, _ count: Int) {
        for k in 0..<count {
            if bitCount % 8 == 0 { bytes.append(0) }
            if (value >> k) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(1 << (bitCount % 8)) }
            bitCount += 1
        }
    }

    /// A Huffman code of `length` bits, most significant first.
    mutating func code(_ value: Int, _ length: Int) {
        for k in stride(from: length - 1, through: 0, by: -1) { bits((value >> k) & 1, 1) }
    }
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("condense-data-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

/// The message of a CondenseError, or a note that something else was thrown.
func errorMessage(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as CondenseError {
        return error.description
    } catch {
        return "unexpected error type: \(error)"
    }
}
