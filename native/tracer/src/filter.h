#ifndef AT_FILTER_H
#define AT_FILTER_H

#include <stdint.h>

#include <sys/types.h>

#define AT_FILTER_MAX_PROTECT 4

typedef struct {
  uint32_t stop;                        /* AT_STOP_* classes that need a seccomp stop */
  pid_t protect[AT_FILTER_MAX_PROTECT]; /* pids tracees may not signal, pidfd_open or read (helper, its parent) */
  int nprotect;
} at_filter_opts;

/* Installs the seccomp prefilter on the calling thread. Runs between fork and exec.
 * Returns 0 or an errno value. */
int at_filter_install(const at_filter_opts *o);

#endif
