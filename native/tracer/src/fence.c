/* The walk fence: a tracer check and the kernel's own walk of the same path are two walks, and a
 * second tracee could turn a directory on the way into a symlink in between (a single-threaded
 * opener is not verified at its exit, and unlink or rename have no exit to verify). Only rename,
 * symlink and link can put a symlink or another directory at a checked name, so:
 *   - a thread resumed from an allowed path check is "walking" until its next stop;
 *   - an allowed rename/symlink/link waits until every walking thread has stopped once (they are
 *     interrupted: a walk either finished or is restarted through seccomp and checked again), then
 *     runs to its exit stop;
 *   - while it waits or runs, every other seccomp stop is deferred and dispatched afterwards.
 * Outside processes (other commands, untraced ones) are not fenced (docs/tracer.md). */
#include <errno.h>
#include <stdlib.h>
#include <sys/ptrace.h>

#include "stops.h"
#include "sysnr.h"

static pid_t holder;  /* the thread whose rename/symlink/link waits or runs; 0: no fence */
static int pending;   /* interrupted walking threads that have not stopped yet */
static int running;   /* the holder was resumed into its syscall */

static int structural(long nr) {
  return nr == SYS_rename || nr == SYS_renameat || nr == SYS_renameat2 || nr == SYS_symlink ||
         nr == SYS_symlinkat || nr == SYS_link || nr == SYS_linkat;
}

static void go(void) {
  at_tracee *h = at_tracee_get(holder);
  running = 1;
  if (h) h->wait = AT_WAIT_FENCE_EXIT;
  if (!h || at_resume_syscall(holder) != 0) at_fence_release();
}

static void interrupt_walker(at_tracee *t, void *arg) {
  if (!t->walk || t->tid == *(pid_t *)arg) return;
  t->walk = 0;
  if (ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) != 0) return; /* gone: its exit is reaped next */
  t->fence_wait = 1;
  pending++;
}

void at_fence_resume(at_tracee *t, long nr) {
  if (!structural(nr)) {
    t->walk = 1;
    at_resume(t->tid, 0);
    return;
  }
  holder = t->tid;
  running = 0;
  pending = 0;
  at_tracee_each(interrupt_walker, &t->tid);
  if (pending == 0) go();
}

void at_fence_stopped(at_tracee *t) {
  t->walk = 0;
  if (!t->fence_wait) return;
  t->fence_wait = 0;
  if (--pending == 0 && holder && !running) go();
}

static void collect_deferred(at_tracee *t, void *arg) {
  pid_t **out = arg;
  if (t->deferred) *(*out)++ = t->tid;
}

void at_fence_release(void) {
  at_tracee *h = at_tracee_get(holder);
  if (h && h->wait == AT_WAIT_FENCE_EXIT) h->wait = AT_WAIT_NONE;
  holder = 0;
  running = 0;
  size_t n = at_tracee_count();
  pid_t *tids = n ? calloc(n, sizeof(pid_t)) : NULL, *end = tids;
  if (!tids) return;
  at_tracee_each(collect_deferred, &end);
  for (pid_t *p = tids; p < end && !holder; p++) { /* a dispatched stop may start the next fence */
    at_tracee *t = at_tracee_get(*p);
    if (!t || !t->deferred) continue;
    t->deferred = 0;
    at_seccomp_stop(t);
  }
  free(tids);
}

int at_fence_defer(at_tracee *t) {
  if (holder && t->tid == holder && running) at_fence_release(); /* its syscall is over */
  if (!holder) return 0;
  t->deferred = 1;
  return 1;
}

void at_fence_exit(at_tracee *t, const struct user_regs_struct *r) {
  if ((long)r->rax == -ENOSYS && t->fence_enter_seen == 0) { /* gVisor: an enter-stop comes first */
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
  if (t->fence_wait) at_fence_stopped(t);
  if (t->tid == holder) at_fence_release();
}
