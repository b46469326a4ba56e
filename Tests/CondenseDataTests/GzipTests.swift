import CondenseCore
import Foundation
import Testing

@testable import CondenseData

@Suite struct GzipTests {
    @Test func singleMember() throws {
        #expect(Gzip.isGzip(Fixtures.gzip))
        #expect(try Gzip.decompress(Fixtures.gzip) == sampleData(3000))
    }

    @Test func multipleMembers() throws {
        let members = try Gzip.decompressMembers(Fixtures.gzip2)
        #expect(members.map(\.data.count) == [1000, 2000])
        #expect(try Gzip.decompress(Fixtures.gzip2) == sampleData(3000))
        // Zero padding after the last member is ignored, other trailing bytes are not.
        #expect(try Gzip.decompress(Fixtures.gzip + [0, 0, 0]) == sampleData(3000))
        let message = errorMessage { _ = try Gzip.decompress(Fixtures.gzip + [7]) }
        #expect(message == "invalid data: gzip: 1 bytes of trailing garbage after member 1")
    }

    @Test func manyEmptyMembers() throws {
        // `gzip < /dev/null`: a header, an empty fixed block, CRC 0, size 0.
        let empty: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let members = try Gzip.decompressMembers(Array(repeatElement(empty, count: 2000).joined()))
        #expect(members.count == 2000 && members.allSatisfy { $0.data.isEmpty })
    }

    @Test func headerFields() throws {
        let members = try Gzip.decompressMembers(Fixtures.gzipflags)
        #expect(members.count == 1)
        let header = members[0].header
        #expect(header.isText)
        #expect(header.hasHeaderCRC)
        #expect(header.modificationTime == 1_234_567_890)
        #expect(header.extra == Array("AB\u{2}\u{0}hi".utf8))
        #expect(header.fileName == "digits.txt")
        #expect(header.comment == "a comment")
        #expect(header.operatingSystem == 3)
        #expect(members[0].data == sampleData(3000))

        var badHeader = Fixtures.gzipflags
        badHeader[12] ^= 1  // inside the extra field, covered by the header CRC
        #expect(errorMessage { _ = try Gzip.decompress(badHeader) }?.contains("header crc mismatch") == true)
    }

    @Test func corruptMembers() {
        func message(_ bytes: [UInt8]) -> String? { errorMessage { _ = try Gzip.decompress(bytes) } }
        var crc = Fixtures.gzip
        crc[crc.count - 8] ^= 0xFF
        #expect(message(crc)?.contains("gzip member 1: gzip: corrupt stream (incorrect data check)") == true)

        var size = Fixtures.gzip
        size[size.count - 1] ^= 0x01
        #expect(message(size)?.contains("incorrect length check") == true)

        #expect(message(Array(Fixtures.gzip.dropLast(3))) == "invalid data: gzip member 1: gzip: truncated stream (unexpected end of data)")
        #expect(message(Array(Fixtures.gzip.prefix(400)))?.contains("gzip member 1: gzip: truncated") == true)
        #expect(message(Array(Fixtures.gzip.prefix(5)))?.contains("truncated") == true)
        #expect(message([1, 2, 3]) == "invalid data: gzip: not a gzip stream (missing magic bytes 1f 8b)")

        var method = Fixtures.gzip
        method[2] = 7
        #expect(message(method)?.contains("unknown compression method") == true)
        var flags = Fixtures.gzip
        flags[3] = 0x80
        #expect(message(flags)?.contains("unknown header flags set") == true)

        let limited = errorMessage { _ = try Gzip.decompress(Fixtures.gzip2, maxOutputSize: 1500) }
        #expect(limited?.contains("gzip member 2: gzip: output larger than the limit of 500 bytes") == true)
    }

    /// The MNIST training images: 9.9 MB of gzip, 47 MB out.
    @Test func mnistTrainingImagesSpeed() throws {
        let path = mnistDirectory + "/train-images-idx3-ubyte.gz"
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let start = ContinuousClock.now
        let images = try Gzip.decompress(bytes)
        let elapsed = ContinuousClock.now - start
        print("gzip: \(bytes.count) -> \(images.count) bytes in \(elapsed)")
        #expect(images.count == 47_040_016)
        #expect(CRC32.checksum(images) == 3_925_137_587)  // zlib.crc32 of Python's gzip output
    }
}
