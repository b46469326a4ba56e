import CZlib
import CondenseCore

/// One zlib inflation (raw DEFLATE, or gzip with its header read into `header`), with an
/// output cap against decompression bombs: DEFLATE can expand data about 1000-fold, so the
/// output may not grow past `maxOutputSize` (refused as soon as it would).
/// zlib checks the gzip trailer's CRC-32 and length. O(output).
enum ZlibInflation {
    enum Format {
        case raw
        case gzip
        var windowBits: Int32 { self == .raw ? -15 : 15 + 16 }
        var name: String { self == .raw ? "DEFLATE" : "gzip" }
    }

    /// Inflates the stream at the start of `input`; returns the output and the input bytes it occupies.
    static func inflate(_ input: UnsafeRawBufferPointer, format: Format, maxOutputSize: Int, sizeHint: Int? = nil,
                        header: UnsafeMutablePointer<gz_header>? = nil) throws(CondenseError) -> (output: [UInt8], consumed: Int) {
        guard let base = input.baseAddress, !input.isEmpty else {
            throw .invalidData("\(format.name): truncated stream (no data)")
        }
        guard maxOutputSize >= 0 else { throw .invalidArgument("\(format.name): negative maximum output size") }
        var stream = z_stream()
        guard condense_inflate_init2(&stream, format.windowBits) == Z_OK else {
            throw .internalError("zlib: inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        if let header { inflateGetHeader(&stream, header) }
        // DEFLATE expands at most 1032-fold: the first allocation never needs more.
        let plausible = input.count > Int.max / 1100 ? Int.max : input.count * 1032 + 1024
        var capacity = min(max(sizeHint ?? min(input.count * 4, 1 << 18), 1024), maxOutputSize + 1, plausible)
        var output = [UInt8](repeating: 0, count: capacity)
        var produced = 0
        var fed = 0
        while true {
            if stream.avail_in == 0, fed < input.count {
                let chunk = min(input.count - fed, Int(UInt32.max))
                stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + fed)
                stream.avail_in = UInt32(chunk)
                fed += chunk
            }
            if produced == capacity {
                guard capacity <= maxOutputSize else {
                    throw .invalidData("\(format.name): output larger than the limit of \(maxOutputSize) bytes")
                }
                capacity = min(max(capacity * 2, 1024), maxOutputSize + 1)
                output.append(contentsOf: repeatElement(0, count: capacity - output.count))
            }
            let room = min(capacity - produced, Int(UInt32.max))
            let status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_out = out.baseAddress! + produced
                stream.avail_out = UInt32(room)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                produced += room - Int(stream.avail_out)
                return status
            }
            switch status {
            case Z_STREAM_END:
                guard produced <= maxOutputSize else {
                    throw .invalidData("\(format.name): output larger than the limit of \(maxOutputSize) bytes")
                }
                output.removeLast(output.count - produced)
                return (output, fed - Int(stream.avail_in))
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.avail_in == 0 && fed == input.count:
                throw .invalidData("\(format.name): truncated stream (unexpected end of data)")
            case Z_BUF_ERROR:
                continue
            case Z_MEM_ERROR:
                throw .invalidData("\(format.name): out of memory while decompressing")
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .invalidData("\(format.name): corrupt stream (\(reason))")
            }
        }
    }
}
