/* The end of a fence (fence.c): deferred stops are dispatched again, resumes that waited go on. */
#include <errno.h>
#include <stdlib.h>

#include "stops.h"
#include "sysnr.h"
#include "xfence.h"

static int busy(void) {
  return at_fence_holder() != 0 || at_xfence_blocked();
}

static void collect(at_tracee *t, void *arg) {
  pid_t **out = arg;
  if (t->deferred || t->resume_pending) *(*out)++ = t->tid;
}

/* Dispatches what waited, in turn, until a dispatched stop starts the next fence. */
static void redispatch(void) {
  size_t n = at_tracee_count();
  pid_t *tids = n ? calloc(n, sizeof(pid_t)) : NULL, *end = tids;
  if (!tids) return;
  at_tracee_each(collect, &end);
  for (pid_t *p = tids; p < end && !busy(); p++) {
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

void at_fence_release(void) {
  at_fence_clear_holder();
  at_xfence_release();
  redispatch();
}

int at_fence_defer(at_tracee *t, long nr) {
  if (at_fence_holder() == t->tid && at_fence_running()) at_fence_release(); /* its syscall is over */
  at_fence_walk(t, 1); /* counted before looking at any holder (xfence.c's ordering) */
  if (!at_fence_holder() && !at_xfence_blocked() && (!at_fence_is_structural(nr) || at_fence_claim(t))) return 0;
  at_fence_walk(t, 0);
  t->deferred = 1;
  return 1;
}

/* After a seccomp stop was handled: a claim its check did not use (denied) is given back. */
void at_fence_after(at_tracee *t) {
  if (at_fence_unclaim(t) && !at_fence_holder()) at_fence_release();
}

void at_fence_exit(at_tracee *t, const struct user_regs_struct *r) {
  if ((long)r->rax == -ENOSYS && !t->fence_enter_seen) { /* gVisor: an enter-stop comes first */
    t->fence_enter_seen = 1;
    at_resume_syscall(t->tid);
    return;
  }
  t->fence_enter_seen = 0;
  t->wait = AT_WAIT_NONE;
  at_resume(t->tid, 0);
  at_fence_release();
}

void at_fence_gone(at_tracee *t) {
  at_fence_walk(t, 0);
  if (t->fence_wait) at_fence_stopped(t);
  if ((at_fence_unclaim(t) && !at_fence_holder()) || t->tid == at_fence_holder()) at_fence_release();
}

/* SIGUSR2 or a tick: another helper took the fence (interrupt our walkers), gave it back (our
 * deferred stops go on), or its walkers are done (ours may run now). */
void at_fence_kick(int tick) {
  if (tick) at_xfence_reap();
  if (at_xfence_blocked()) at_fence_interrupt_for_remote();
  else if (!at_fence_holder()) redispatch();
  else at_fence_go();
}
