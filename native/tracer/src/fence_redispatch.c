/* The end of a fence (fence.c): deferred seccomp stops are dispatched again, and resumes that
 * waited (an approval answered during a fence) go on, in turn, until one of them starts the next
 * fence. */
#include <stdlib.h>

#include "stops.h"

static void collect(at_tracee *t, void *arg) {
  pid_t **out = arg;
  if (t->deferred || t->resume_pending) *(*out)++ = t->tid;
}

void at_fence_redispatch(void) {
  size_t n = at_tracee_count();
  pid_t *tids = n ? calloc(n, sizeof(pid_t)) : NULL, *end = tids;
  if (!tids) return;
  at_tracee_each(collect, &end);
  for (pid_t *p = tids; p < end && !at_fence_busy(); p++) {
    at_tracee *t = at_tracee_get(*p);
    if (!t) continue;
    if (t->resume_pending) {
      t->resume_pending = 0;
      at_fence_resume(t, t->resume_nr);
    } else if (t->deferred) {
      t->deferred = 0;
      at_seccomp_stop(t);
    }
  }
  free(tids);
}
