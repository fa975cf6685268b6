#ifndef AT_FILTER_H
#define AT_FILTER_H

#include <stdint.h>

/* Installs the seccomp prefilter for the stop classes in `stop` (AT_STOP_* bits) on the calling
 * thread. Async-signal-safe (runs between fork and exec). Returns 0 or an errno value. */
int at_filter_install(uint32_t stop);

#endif
