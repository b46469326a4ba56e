import FuzzSupport
import CondenseData

/// libFuzzer target: IDX files (plain or gzip, so zlib and the size limits too).
enum FuzzIDX: FuzzTarget {
    static func test(_ bytes: [UInt8]) {
        _ = try? IDXFile(bytes: bytes, name: "fuzz", maxOutputSize: 1 << 20)
    }
}
