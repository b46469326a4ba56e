#ifndef CONDENSE_CGRAPHVIZ_SHIM_H
#define CONDENSE_CGRAPHVIZ_SHIM_H
// Graphviz through libgvc. Swift 6 rejects C globals such as `Agdirected`, and
// `gvRenderData`'s length type changed between Graphviz versions (unsigned int
// before 3.0, size_t since): both are reached only through these inline shims.
#include <stddef.h>
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
#endif
