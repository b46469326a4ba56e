import FuzzSupport
import CondenseData

/// libFuzzer target: NumPy `.npy` headers (the Python-literal parser) and data.
enum FuzzNPY: FuzzTarget {
    static func test(_ bytes: [UInt8]) {
        guard let file = try? NPYFile(bytes: bytes, name: "fuzz") else { return }
        _ = file.floats()
        _ = try? file.integers()
    }
}
