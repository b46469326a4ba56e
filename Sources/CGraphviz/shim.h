#ifndef CONDENSE_CGRAPHVIZ_SHIM_H
#define CONDENSE_CGRAPHVIZ_SHIM_H
// Graphviz through libgvc. Swift 6 rejects C globals such as `Agdirected`, and
// `gvRenderData`'s length type changed between Graphviz versions (unsigned int
// before 3.0, size_t since): both are reached only through these inline shims.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

static inline Agdesc_t condense_agdirected(void) { return Agdirected; }
static inline Agdesc_t condense_agstrictdirected(void) { return Agstrictdirected; }

/// Renders `g` into a malloc'd buffer; the length always comes back as size_t.
static inline int condense_render_data(GVC_t *gvc, Agraph_t *g, const char *format,
                                       char **result, size_t *length) {
#if defined(GVPLUGIN_VERSION) && GVPLUGIN_VERSION < 8
    unsigned int len = 0;
#else
    size_t len = 0;
#endif
    int rc = gvRenderData(gvc, g, format, result, &len);
    *length = (size_t)len;
    return rc;
}
/// Renders `g` into a malloc'd buffer (free it with `free`) through `open_memstream`,
/// whose buffer grows geometrically; `gvRenderData` grows its buffer by one page at a
/// time, which costs a large `realloc` per write on drawings of tens of megabytes.
static inline int condense_render_stream(GVC_t *gvc, Agraph_t *g, const char *format,
                                         char **result, size_t *length) {
    *result = NULL;
    *length = 0;
    FILE *stream = open_memstream(result, length);
    if (stream == NULL) return -1;
    int rc = gvRender(gvc, g, format, stream);
    if (fclose(stream) != 0) rc = -1;
    return rc;
}

/// Graphviz reports errors and warnings through agerr, in pieces ("Error", ": ",
/// message). These shims collect the pieces into one buffer instead of stderr, so
/// Condense can throw them as one line. The buffer is process-wide: call them only
/// while holding Condense's single Graphviz lock.
static inline char *condense_error_buffer(void) {
    static char buffer[4096];
    return buffer;
}

static inline int condense_collect_error(char *piece) {
    char *buffer = condense_error_buffer();
    size_t used = strlen(buffer);
    size_t room = 4096 - 1 - used;
    size_t length = strlen(piece);
    if (length > room) length = room;
    memcpy(buffer + used, piece, length);
    buffer[used + length] = 0;
    return 0;
}

/// Starts collecting Graphviz messages (clears the buffer and the error level).
static inline void condense_begin_error_capture(void) {
    condense_error_buffer()[0] = 0;
    agseterrf(condense_collect_error);
    agreseterrors();
}

/// Whether Graphviz reported an error (not just a warning) since the capture began.
static inline int condense_error_reported(void) { return agerrors() >= AGERR; }

/// The messages collected since `condense_begin_error_capture`.
static inline const char *condense_captured_errors(void) { return condense_error_buffer(); }
#endif
