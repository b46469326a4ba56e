#ifndef CONDENSE_CZLIB_SHIM_H
#define CONDENSE_CZLIB_SHIM_H
// zlib: DEFLATE, gzip and CRC-32 for the data readers.
#include <zlib.h>

/// inflateInit2 is a macro (it passes the library version and the stream's size): a function for Swift.
static inline int condense_inflate_init2(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
#endif
