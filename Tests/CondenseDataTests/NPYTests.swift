import CondenseCore
import Foundation
import Testing

@testable import CondenseData

@Suite struct NPYTests {
    @Test func dtypes() throws {
        let f4 = try NPYFile(bytes: Fixtures.npy_f4)
        #expect(f4.type == .float32 && f4.shape == [2, 3])
        #expect(f4.floats() == [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5])

        let u1 = try NPYFile(bytes: Fixtures.npy_u1)
        #expect(u1.type == .uint8 && u1.shape == [3, 2, 2])
        #expect(try u1.integers() == (0..<12).map { $0 * 20 })

        let f8 = try NPYFile(bytes: Fixtures.npy_f8)
        #expect(f8.type == .float64 && f8.shape == [3])
        #expect(f8.floats() == [1.5, -2.25, .infinity])

        #expect(try NPYFile(bytes: Fixtures.npy_i8).integers() == [-3, 0, 7, 1 << 40])
        #expect(try NPYFile(bytes: Fixtures.npy_i4).integers() == [1, -2, 3, -4])
        #expect(try NPYFile(bytes: Fixtures.npy_i2).integers() == [-300, 300])
        #expect(try NPYFile(bytes: Fixtures.npy_i1).integers() == [-128, 127])
        #expect(try NPYFile(bytes: Fixtures.npy_be).floats() == [1, -0.5, 3.25])

        let scalar = try NPYFile(bytes: Fixtures.npy_scalar)
        #expect(scalar.shape == [] && scalar.floats() == [4.5])
    }

    @Test func versionsAndFortranOrder() throws {
        #expect(try NPYFile(bytes: Fixtures.npy_v2).floats() == [0, 1, 2, 3])
        #expect(try NPYFile(bytes: Fixtures.npy_v3).floats() == [0, 1, 2, 3])
        // np.asfortranarray(np.arange(24).reshape(2, 3, 4)) reads back in C order.
        let fortran = try NPYFile(bytes: Fixtures.npy_fortran)
        #expect(fortran.shape == [2, 3, 4])
        #expect(try fortran.integers() == Array(0..<24))
    }

    @Test func malformedFiles() {
        func message(_ bytes: [UInt8]) -> String? { errorMessage { _ = try NPYFile(bytes: bytes, name: "a.npy") } }
        func npy(_ header: String, data: [UInt8] = []) -> [UInt8] {
            let h = Array(header.utf8)
            return NPYFile.magic + [1, 0, UInt8(h.count), 0] + h + data
        }
        #expect(message([1, 2, 3]) == "invalid data: a.npy: not a .npy file (missing magic \\x93NUMPY)")
        #expect(message(Array(Fixtures.npy_f4.dropLast(1)))
            == "invalid data: a.npy: truncated .npy data: shape (2, 3) of '<f4' needs 24 bytes, have 23")
        #expect(message(Array(Fixtures.npy_f4.prefix(20)))?.contains("truncated .npy header") == true)
        #expect(message(npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }"))?
            .contains("unsupported dtype '<c8'") == true)
        #expect(message(npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }"))?
            .contains("structured dtypes are not supported") == true)
        #expect(message(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,) "))?
            .contains("bad .npy header") == true)
        #expect(message(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"))?
            .contains("non-negative") == true)
        #expect(message(npy("{'descr': '<u1', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"))?
            .contains("absurdly large") == true)
    }

    @Test func npzStoredAndCompressed() throws {
        let stored = try NPZFile(bytes: Fixtures.npz_stored)
        #expect(stored.names == ["x", "y"])
        let x = try stored.array("x")
        #expect(x.shape == [3, 4] && x.floats() == (0..<12).map { Float($0) / 8 })
        #expect(try stored.array("y").integers() == [2, 0, 1])

        let compressed = try NPZFile(bytes: Fixtures.npz_compressed)  // np.savez_compressed
        #expect(compressed.names == ["x", "labels"])
        #expect(try compressed.array("x").integers() == (0..<20).map { $0 * 13 % 256 })
        #expect(try compressed.array("labels").integers() == [9, 8, 7, 6, 5])
        #expect(errorMessage { _ = try compressed.array("z") }
            == "invalid data: npz file: no array 'z' (it holds 'x', 'labels')")
    }

    @Test func npzCorruption() {
        var bytes = Fixtures.npz_compressed
        // Corrupt the first entry's data (after the 30-byte local header, its name and extra field).
        let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8
        let extraLength = Int(bytes[28]) | Int(bytes[29]) << 8
        bytes[30 + nameLength + extraLength + 20] ^= 0x55
        let archive = try? NPZFile(bytes: bytes)
        #expect(archive != nil, "the central directory is intact")
        #expect(errorMessage { _ = try archive?.array("x") }.map { $0.contains("npz file: entry x.npy") } == true)
        #expect(errorMessage { _ = try NPZFile(bytes: Array(Fixtures.npz_compressed.dropLast(30))) }?
            .contains("no end of central directory record") == true)
    }

    @Test func writerRoundTrip() throws {
        let matrix = Matrix(rows: 3, columns: 5, values: (0..<15).map { Float($0) * 0.3 - 2 })
        let bytes = NPYWriter.encode(matrix)
        #expect(bytes.count % 64 == 60)  // header padded to 64 bytes, then 15 floats
        #expect(String(decoding: bytes[10..<74], as: UTF8.self).hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 5), }"))
        let read = try NPYFile(bytes: bytes)
        #expect(read.type == .float32 && read.shape == [3, 5] && read.floats() == matrix.values)

        let vector = try NPYFile(bytes: NPYWriter.encode([1, 2], shape: [2]))
        #expect(vector.shape == [2] && vector.floats() == [1, 2])

        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.npy"
        try NPYWriter.write(matrix, to: path)
        #expect(try NPYFile(path: path).floats() == matrix.values)
    }
}
