/* The walk fence: a tracer check and the kernel's own walk of the same path are two walks, and a
 * second tracee could turn a directory on the way into a symlink in between (a single-threaded
 * opener is not verified at its exit; unlink or rename have no exit to verify). Only rename,
 * symlink and link can put a symlink or another directory at a checked name, so:
 *   - a thread counts as walking from its seccomp stop until its next stop (parked: not walking);
 *   - an allowed rename/symlink/link waits until every walking thread has stopped once (they are
 *     interrupted: a walk either finished or is restarted through seccomp and checked again), then
 *     runs to its exit stop;
 *   - while it waits or runs, every other seccomp stop is deferred and dispatched afterwards.
 * With --fence FILE the same holds across helpers (xfence.c): the daemon's commands fence each other.
 * What waited is dispatched again by fence_redispatch.c. */
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

static void release(void);

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

static void go(void) {
  if (!holder || running || pending || !at_xfence_ready()) return; /* woken again later */
  at_tracee *h = at_tracee_get(holder);
  running = 1;
  if (h) h->wait = AT_WAIT_FENCE_EXIT, h->enter_seen = 0;
  if (!h || at_resume_syscall(holder) != 0) release();
}

/* A fence holds here or in another helper: seccomp stops wait. */
int at_fence_busy(void) {
  return holder != 0 || at_xfence_blocked();
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
  go();
}

/* A thread record goes away (tracees.c), also without an exit report (an exec from a non-leader
 * thread): its count must not leak, or every later fence would wait for it. Returns 1 when it was
 * the last thread the local holder waited for. */
int at_fence_forget(at_tracee *t) {
  set_walk(t, 0);
  t->xwait = 0;
  if (!t->fence_wait) return 0;
  t->fence_wait = 0;
  return pending > 0 && --pending == 0;
}

void at_fence_stopped(at_tracee *t) {
  if (at_fence_forget(t)) go();
}

void at_fence_parked(at_tracee *t) {
  set_walk(t, 0);
  if (claimed == t->tid) { /* an approval may take minutes: do not hold the other helpers */
    claimed = 0;
    if (!holder) at_xfence_release();
  }
}

void at_fence_walk(at_tracee *t, int on) {
  set_walk(t, on);
}

static void release(void) {
  holder = 0;
  running = 0;
  pending = 0;
  at_xfence_release();
  at_fence_redispatch();
}

int at_fence_defer(at_tracee *t, long nr) {
  if (holder == t->tid && running) release(); /* its syscall is over */
  set_walk(t, 1); /* counted before looking at any holder (xfence.c's ordering) */
  if (!at_fence_busy() && (!structural(nr) || at_xfence_acquire())) {
    if (structural(nr)) claimed = t->tid; /* held from the check on; given back if not used */
    return 0;
  }
  set_walk(t, 0);
  t->deferred = 1;
  return 1;
}

/* After a seccomp stop was handled: a claim its check did not use (denied) is given back. */
void at_fence_after(at_tracee *t) {
  if (claimed != t->tid) return;
  claimed = 0;
  if (!holder) release();
}

/* The holder's exit stop: its rename/symlink/link is done. */
void at_fence_exit(at_tracee *t) {
  t->wait = AT_WAIT_NONE;
  at_resume(t->tid, 0);
  release();
}

void at_fence_gone(at_tracee *t) {
  if (at_fence_forget(t)) go();
  int had_claim = claimed == t->tid;
  if (had_claim) claimed = 0;
  if ((had_claim && !holder) || t->tid == holder) release();
}

/* SIGUSR2 or a tick: another helper took the fence (interrupt our walkers), gave it back (our
 * deferred stops go on), or its walkers are done (ours may run now). */
void at_fence_kick(int tick) {
  if (tick) at_xfence_reap();
  if (at_xfence_blocked()) at_tracee_each(interrupt_walker, NULL);
  else if (!holder) at_fence_redispatch();
  else go();
}
