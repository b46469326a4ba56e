import CondenseCore
import Foundation
import Testing

@testable import CondenseData

@Suite struct InflateTests {
    @Test func crc32KnownValues() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        // Chunked updates agree with one pass (exercises the 8-byte and tail paths).
        let data = sampleData(1001)
        var crc = CRC32()
        crc.update(data[0..<3])
        crc.update(data[3..<500])
        crc.update(data[500...])
        #expect(crc.value == CRC32.checksum(data))
    }

    @Test(arguments: [
        ("dynamic", 2, 36000), ("fixed", 1, 4000), ("stored", 0, 3000),
    ])
    func roundTrip(name: String, blockType: Int, size: Int) throws {
        let compressed = [
            "dynamic": Fixtures.dynamic, "fixed": Fixtures.fixed, "stored": Fixtures.stored,
        ][name]!
        #expect(Int(compressed[0] >> 1) & 3 == blockType, "the fixture starts with the block type it claims")
        #expect(try Inflate.decompress(compressed) == sampleData(size))
    }

    @Test func mixedBlocks() throws {
        let expected = sampleData(3000) + sampleData(500)
        #expect(try Inflate.decompress(Fixtures.mixed) == expected)
    }

    @Test func prefixReportsConsumedBytes() throws {
        let stream = Fixtures.fixed + [1, 2, 3]
        let (output, consumed) = try stream.withUnsafeBytes { try Inflate.decompressPrefix($0) }
        #expect(output == sampleData(4000))
        #expect(consumed == Fixtures.fixed.count)
        let message = errorMessage { _ = try Inflate.decompress(stream) }
        #expect(message?.contains("3 bytes after the end") == true)
    }

    @Test func outputLimit() throws {
        #expect(try Inflate.decompress(Fixtures.zeros) == [UInt8](repeating: 0, count: 1_000_000))
        #expect(try Inflate.decompress(Fixtures.zeros, maxOutputSize: 1_000_000).count == 1_000_000)
        let message = errorMessage { _ = try Inflate.decompress(Fixtures.zeros, maxOutputSize: 999_999) }
        #expect(message == "invalid data: DEFLATE: output larger than the limit of 999999 bytes")
        let stored = errorMessage { _ = try Inflate.decompress(Fixtures.stored, maxOutputSize: 100) }
        #expect(stored?.contains("output larger than the limit of 100 bytes") == true)
    }

    @Test func malformedStreams() {
        func message(_ bytes: [UInt8]) -> String? { errorMessage { _ = try Inflate.decompress(bytes) } }
        #expect(message([0x07]) == "invalid data: DEFLATE: corrupt stream (invalid block type)")
        #expect(message([]) == "invalid data: DEFLATE: truncated stream (no data)")
        #expect(message([0x01, 0x05, 0x00, 0x00, 0x00])?.contains("invalid stored block lengths") == true)
        #expect(message([0x01, 0x05, 0x00, 0xFA, 0xFF, 1, 2])?.contains("truncated") == true)

        // A fixed block starting with a match: length 3 (code 257), distance 1 (code 0).
        var far = BitWriter()
        far.bits(1, 1)
        far.bits(1, 2)
        far.code(1, 7)
        far.code(0, 5)
        far.code(0, 7)
        #expect(message(far.bytes) == "invalid data: DEFLATE: corrupt stream (invalid distance too far back)")

        // A fixed block with distance code 30, which may not occur.
        var badDistance = BitWriter()
        badDistance.bits(1, 1)
        badDistance.bits(1, 2)
        badDistance.code(0x30 + 65, 8)  // literal 'A'
        badDistance.code(1, 7)
        badDistance.code(30, 5)
        #expect(message(badDistance.bytes) == "invalid data: DEFLATE: corrupt stream (invalid distance code)")

        // A fixed block with literal/length symbol 286.
        var badSymbol = BitWriter()
        badSymbol.bits(1, 1)
        badSymbol.bits(1, 2)
        badSymbol.code(0xC0 + 6, 8)
        #expect(message(badSymbol.bytes)?.contains("invalid literal/length code") == true)

        // A dynamic block whose code-length code is over-subscribed (three 1-bit codes).
        var oversubscribed = BitWriter()
        oversubscribed.bits(1, 1)
        oversubscribed.bits(2, 2)
        oversubscribed.bits(0, 5)
        oversubscribed.bits(0, 5)
        oversubscribed.bits(0, 4)
        for _ in 0..<4 { oversubscribed.bits(1, 3) }
        #expect(message(oversubscribed.bytes) == "invalid data: DEFLATE: corrupt stream (invalid code lengths set)")

        // A fixed block that stops after one literal: truncated, not an endless run of zeros.
        var cut = BitWriter()
        cut.bits(0, 1)
        cut.bits(1, 2)
        cut.code(0x30 + 65, 8)
        #expect(message(cut.bytes)?.contains("truncated") == true)
    }

    @Test func everyTruncationFails() {
        let stream = Fixtures.dynamic
        for cut in stride(from: 0, to: stream.count, by: 7) {
            let message = errorMessage { _ = try Inflate.decompress(Array(stream[0..<cut])) }
            #expect(message?.contains("truncated") == true, "cut at \(cut): \(message ?? "no error")")
        }
    }

    /// Random corruptions must end in an error or some output, never a crash or a hang.
    @Test func corruptionNeverCrashes() {
        var random = SplitMix(state: 42)
        let sources = [Fixtures.dynamic, Fixtures.fixed, Fixtures.mixed, Fixtures.stored]
        var failures = 0
        for round in 0..<600 {
            var bytes = sources[round % sources.count]
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let i = Int.random(in: 0..<bytes.count, using: &random)
                bytes[i] ^= UInt8.random(in: 1...255, using: &random)
            }
            do {
                _ = try Inflate.decompress(bytes, maxOutputSize: 200_000)
            } catch {
                failures += 1
            }
        }
        #expect(failures > 200)
    }
}
