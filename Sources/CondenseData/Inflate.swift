import CondenseCore

/// Raw DEFLATE streams (RFC 1951, as inside ZIP entries), decoded by zlib with an output cap.
public enum Inflate {
    /// The default maximum output size: 1 GiB.
    public static let defaultMaxOutputSize = 1 << 30

    /// Decompresses the raw DEFLATE stream `bytes` (no zlib or gzip wrapper).
    /// Bytes after the end of the final block are refused; a stream that would produce more
    /// than `maxOutputSize` bytes is refused.
    public static func decompress(
        _ bytes: [UInt8], maxOutputSize: Int = defaultMaxOutputSize
    ) throws(CondenseError) -> [UInt8] {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(CondenseError) in try decompressPrefix(raw, maxOutputSize: maxOutputSize) }
        }
        let (output, consumed) = try result.get()
        if consumed != bytes.count {
            throw .invalidData("DEFLATE: \(bytes.count - consumed) bytes after the end of the stream")
        }
        return output
    }

    /// Decompresses the raw DEFLATE stream at the start of `input`, which may be followed by
    /// other data (as in ZIP). `sizeHint` only sets the first allocation.
    /// - Returns: the decompressed bytes and the number of input bytes the stream occupies.
    public static func decompressPrefix(
        _ input: UnsafeRawBufferPointer, maxOutputSize: Int = defaultMaxOutputSize, sizeHint: Int? = nil
    ) throws(CondenseError) -> (output: [UInt8], consumed: Int) {
        try ZlibInflation.inflate(input, format: .raw, maxOutputSize: maxOutputSize, sizeHint: sizeHint)
    }
}
