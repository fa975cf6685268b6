/* The walk fence: a tracer check and the kernel's own walk of the same path are two walks, and a
 * second tracee could turn a directory on the way into a symlink in between (a single-threaded
 * opener is not verified at its exit; unlink or rename have no exit to verify). Only rename,
 * symlink and link can put a symlink or another directory at a checked name, so:
 *   - a thread counts as walking from its seccomp stop until its next stop (parked: not walking);
 *   - an allowed rename/symlink/link waits until every walking thread has stopped once (they are
 *     interrupted: a walk either finished or is restarted through seccomp and checked again), then
 *     runs to its exit stop;
 *   - while it waits or runs, every other seccomp stop is deferred and dispatched afterwards.
 * With --fence FILE the same holds across helpers (xfence.c): the daemon's commands fence each other. */
#include <errno.h>
#include <stdlib.h>
#include <sys/ptrace.h>

#include "stops.h"
#include "sysnr.h"
#include "xfence.h"

static pid_t holder;  /* the thread whose rename/symlink/link waits or runs; 0: no fence here */
static int pending;   /* threads interrupted for it that have not stopped yet */
static int running;   /* the holder was resumed into its syscall */
static pid_t claimed; /* the thread whose stop took the cross-helper fence before its check */
static int walkers;   /* threads of this helper counted as walking */

static int structural(long nr) {
  return nr == SYS_rename || nr == SYS_renameat || nr == SYS_renameat2 || nr == SYS_symlink ||
         nr == SYS_symlinkat || nr == SYS_link || nr == SYS_linkat;
}

static void set_walk(at_tracee *t, int on) {
  if (t->walk == on) return;
  t->walk = on;
  walkers += on ? 1 : -1;
  at_xfence_walkers(on ? 1 : -1);
  if (!on && walkers == 0 && at_xfence_blocked()) at_xfence_wake_holder();
}

void at_fence_go(void) {
  if (!holder || running || pending || !at_xfence_ready()) return; /* woken again later */
  at_tracee *h = at_tracee_get(holder);
  running = 1;
  if (h) h->wait = AT_WAIT_FENCE_EXIT;
  if (!h || at_resume_syscall(holder) != 0) at_fence_release();
}

static void interrupt_walker(at_tracee *t, void *arg) { /* arg: the local holder's tid, NULL for another helper's */
  int local = arg != NULL;
  if (!t->walk || t->deferred || (local ? t->fence_wait || t->tid == *(pid_t *)arg : t->xwait)) return;
  if (ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) != 0) return; /* gone: its exit is reaped next */
  if (!local) {
    t->xwait = 1;
    return;
  }
  t->fence_wait = 1;
  pending++;
}

void at_fence_resume(at_tracee *t, long nr) {
  /* From this stop's own check the thread is already counted, so a holder that came since waits
   * for it; after an approval wait it is counted now and yields to any fence. */
  int after_wait = !t->walk;
  set_walk(t, 1); /* before looking at any holder (xfence.c's ordering) */
  if ((holder && holder != t->tid) || (after_wait && at_xfence_blocked()) || (structural(nr) && !at_xfence_acquire())) {
    set_walk(t, 0); /* an approval answered during a fence: resumed when it ends */
    t->resume_nr = nr;
    t->resume_pending = 1;
    return;
  }
  if (!structural(nr)) {
    at_resume(t->tid, 0);
    return;
  }
  set_walk(t, 0);
  claimed = 0;
  holder = t->tid;
  running = 0;
  pending = 0;
  at_tracee_each(interrupt_walker, &t->tid);
  at_xfence_wake_walkers();
  at_fence_go();
}

void at_fence_stopped(at_tracee *t) {
  set_walk(t, 0);
  t->xwait = 0;
  if (!t->fence_wait) return;
  t->fence_wait = 0;
  if (--pending == 0) at_fence_go();
}

/* A thread record goes away (tracees.c), also without an exit report (an exec from a non-leader
 * thread): its count must not leak, or every later fence would wait for it. A holder whose pending
 * count falls to 0 here goes at the next kick or tick. */
void at_fence_forget(at_tracee *t) {
  set_walk(t, 0);
  if (t->fence_wait && pending > 0) pending--;
  t->fence_wait = 0;
}

void at_fence_parked(at_tracee *t) {
  set_walk(t, 0);
  if (claimed == t->tid) { /* an approval may take minutes: do not hold the other helpers */
    claimed = 0;
    if (!holder) at_xfence_release();
  }
}

/* Accessors for fence_release.c. */
pid_t at_fence_holder(void) { return holder; }
int at_fence_running(void) { return running; }
void at_fence_walk(at_tracee *t, int on) { set_walk(t, on); }
int at_fence_is_structural(long nr) { return structural(nr); }

void at_fence_clear_holder(void) {
  holder = 0;
  running = 0;
  pending = 0;
}

int at_fence_claim(at_tracee *t) {
  if (!at_xfence_acquire()) return 0;
  claimed = t->tid;
  return 1;
}

int at_fence_unclaim(at_tracee *t) {
  if (claimed != t->tid) return 0;
  claimed = 0;
  return 1;
}

static void interrupt_remote(at_tracee *t, void *arg) {
  (void)arg;
  interrupt_walker(t, NULL);
}

void at_fence_interrupt_for_remote(void) {
  at_tracee_each(interrupt_remote, NULL);
}
