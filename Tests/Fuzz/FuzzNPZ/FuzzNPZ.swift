import FuzzSupport
import CondenseData

/// libFuzzer target: `.npz` archives (the ZIP container, zlib entries, CRC-32) and their arrays.
enum FuzzNPZ: FuzzTarget {
    static func test(_ bytes: [UInt8]) {
        guard let archive = try? NPZFile(bytes: bytes, name: "fuzz") else { return }
        for name in archive.names.prefix(8) {
            guard let array = try? archive.array(name, maxOutputSize: 1 << 20) else { continue }
            _ = array.floats()
        }
    }
}
