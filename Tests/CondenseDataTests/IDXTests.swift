import CondenseCore
import Foundation
import Testing

@testable import CondenseData

@Suite struct IDXTests {
    @Test func mnistTestSet() throws {
        let images = try IDXFile(path: mnistDirectory + "/t10k-images-idx3-ubyte.gz")
        #expect(images.type == .uint8)
        #expect(images.dimensions == [10000, 28, 28])
        #expect(images.count == 7_840_000)
        #expect(images.data.min() == 0 && images.data.max() == 255)

        let labels = try IDXFile(path: mnistDirectory + "/t10k-labels-idx1-ubyte.gz")
        #expect(labels.dimensions == [10000])
        let values = try labels.integers()
        #expect(values.prefix(5) == [7, 2, 1, 0, 4])
        #expect(Set(values) == Set(0...9))
    }

    @Test func typesAndPlainFiles() throws {
        // int16, 2 x 2, big-endian: 1, -2, 300, -32768
        let int16: [UInt8] = [0, 0, 0x0B, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0x00, 0x01, 0xFF, 0xFE, 0x01, 0x2C, 0x80, 0x00]
        let file = try IDXFile(bytes: int16)
        #expect(file.type == .int16)
        #expect(file.floats() == [1, -2, 300, -32768])
        #expect(try file.integers() == [1, -2, 300, -32768])

        // float32 1-D: 1.5, -0.25
        let float32: [UInt8] = [0, 0, 0x0D, 1, 0, 0, 0, 2, 0x3F, 0xC0, 0, 0, 0xBE, 0x80, 0, 0]
        #expect(try IDXFile(bytes: float32).floats(scale: 2) == [3, -0.5])
        #expect(errorMessage { _ = try IDXFile(bytes: float32).integers() }?.contains("not an integer") == true)
    }

    @Test func malformedFiles() {
        func message(_ bytes: [UInt8]) -> String? { errorMessage { _ = try IDXFile(bytes: bytes, name: "f") } }
        #expect(message([0, 0, 8]) == "invalid data: f: truncated IDX file (3 bytes)")
        #expect(message([1, 0, 8, 1, 0, 0, 0, 0])?.contains("not an IDX file (magic number 0x1000801") == true)
        #expect(message([0, 0, 0x0A, 1, 0, 0, 0, 0])?.contains("unknown IDX element type 0xa") == true)
        #expect(message([0, 0, 8, 0]) == "invalid data: f: IDX file with zero dimensions")
        #expect(message([0, 0, 8, 3, 0, 0, 0, 1])?.contains("truncated IDX header") == true)
        #expect(message([0, 0, 8, 1, 0, 0, 0, 4, 1, 2, 3]) == "invalid data: f: truncated IDX data: dimensions 4 of uint8 need 4 bytes, have 3")
        #expect(message([0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3]) == "invalid data: f: 1 unexpected bytes after the IDX data (dimensions 2)")
    }

    /// Absurd declared sizes are refused from the header, before any allocation.
    @Test func absurdDeclaredSizeRefusedQuickly() {
        let start = ContinuousClock.now
        let overflowing: [UInt8] = [0, 0, 0x0E, 4] + [UInt8](repeating: 0xFF, count: 16) + [1, 2, 3]
        #expect(errorMessage { _ = try IDXFile(bytes: overflowing, name: "f") }?.contains("absurdly large") == true)
        // 2^32-1 x 2^32-1 float64 does not overflow Int64 in count but does in bytes.
        let huge: [UInt8] = [0, 0, 0x0E, 2] + [UInt8](repeating: 0xFF, count: 8) + [1, 2, 3]
        #expect(errorMessage { _ = try IDXFile(bytes: huge, name: "f") }?.contains("absurdly large") == true)
        // 60000 x 28 x 28 declared, 3 bytes present.
        let big: [UInt8] = [0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3]
        #expect(errorMessage { _ = try IDXFile(bytes: big, name: "f") }
            == "invalid data: f: truncated IDX data: dimensions 60000 x 28 x 28 of uint8 need 47040000 bytes, have 3")
        #expect(ContinuousClock.now - start < .milliseconds(100))
    }
}
