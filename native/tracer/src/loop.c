/* The ptrace loop: one blocking wait4(__WALL) per stop; control frames, event flushes and
 * approval timeouts are handled between stops (wakeups.c). Single-threaded; owns every
 * ptrace call. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctl.h"
#include "report.h"
#include "loop.h"
#include "out.h"
#include "prof.h"
#include "spawn.h"
#include "stops.h"
#include "scratch.h"
#include "sysnr.h"
#include "wakeups.h"

typedef struct {
  int root_done, root_status, spawned;
  long last_nr; /* syscall of the last seccomp stop (profiling) */
  struct rusage ru;
} loop_state;

static loop_state ls;

static void dispatch(at_tracee *t, struct user_regs_struct *r) {
  at_sess.stops++;
  t->park_verify = 0;
  ls.last_nr = (long)r->orig_rax;
  switch (r->orig_rax) {
  case SYS_execve:
  case SYS_execveat:
    at_stop_exec(t, r);
    return;
  case SYS_kill:
  case SYS_tkill:
  case SYS_tgkill:
  case SYS_rt_sigqueueinfo:
  case SYS_rt_tgsigqueueinfo:
    at_stop_signal(t, r);
    return;
  case SYS_connect:
  case SYS_bind:
  case SYS_sendto:
  case SYS_sendmsg:
  case SYS_sendmmsg:
    at_stop_net(t, r);
    return;
  case SYS_recvfrom:
  case SYS_recvmsg:
  case SYS_recvmmsg:
    at_stop_recv(t, r);
    return;
  case SYS_listen:
    at_stop_listen(t, r);
    return;
  case SYS_socket:
    at_stop_socket(t, r);
    return;
  case SYS_mmap:
    at_stop_mmap(t, r);
    return;
  default:
    at_stop_file(t, r); /* resumes syscalls it does not know (e.g. a tracee filter's own TRACE) */
    return;
  }
}

void at_seccomp_stop(at_tracee *t) {
  struct user_regs_struct r;
  if (at_regs_get(t->tid, &r) != 0) return;
  if (at_fence_defer(t, (long)r.orig_rax)) return;
  dispatch(t, &r);
  at_fence_after(t);
}

static void on_event(at_tracee *t, int ev, int sig) {
  unsigned long msg = 0;
  switch (ev) {
  case PTRACE_EVENT_SECCOMP:
    at_seccomp_stop(t);
    return;
  case PTRACE_EVENT_FORK:
  case PTRACE_EVENT_VFORK:
  case PTRACE_EVENT_CLONE:
    ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg);
    /* fork: own copy of the memory; vfork: shares it until exec; clone: read ids from /proc. A child
     * whose first stop came before this event was held until now. */
    if (msg)
      at_tracee_release(at_tracee_track((pid_t)msg, ev == PTRACE_EVENT_CLONE ? NULL : t, ev == PTRACE_EVENT_VFORK));
    at_resume(t->tid, 0);
    return;
  case PTRACE_EVENT_EXEC:
    /* the former tid differs only when a non-leader thread exec'd; such a thread was counted in
     * the leader's nthreads at its first stop and reports no exit, so nthreads is still > 0 */
    msg = (unsigned long)t->tid;
    if (t->nthreads > 0 || !t->exec_pending || t->tid != t->tgid) ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg);
    at_event_exec(t, (pid_t)msg);
    if (t->tgid == at_sess.root && !ls.spawned) {
      ls.spawned = 1;
      at_report_spawned();
    }
    at_resume(t->tid, 0);
    return;
  case PTRACE_EVENT_STOP:
    if (t->started && (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU))
      ptrace(PTRACE_LISTEN, t->tid, 0, 0); /* group-stop: stay stopped, keep reporting */
    else
      at_resume(t->tid, 0);
    return;
  default:
    at_resume(t->tid, 0);
    return;
  }
}

static void on_status(pid_t tid, int status, const struct rusage *ru) {
  if (WIFEXITED(status) || WIFSIGNALED(status)) {
    if (tid == at_sess.root) {
      ls.root_done = 1;
      ls.root_status = status;
      ls.ru = *ru;
      at_tracee_kill_all(); /* the session ends with its command: no traced leftovers */
    }
    at_park_forget(tid);
    at_tracee *g = at_tracee_get(tid);
    if (g) at_fence_gone(g);
    at_tracee_remove(tid);
    return;
  }
  if (!WIFSTOPPED(status)) return;
  at_sess.ptrace_stops++;
  if (!at_tracee_get(tid) && status >> 16 == PTRACE_EVENT_STOP) { /* before its parent's event */
    if (!at_tracee_hold(tid)) kill(tid, SIGKILL);
    return;
  }
  at_tracee *t = at_tracee_track(tid, NULL, 0);
  if (!t) {
    kill(tid, SIGKILL);
    return;
  }
  at_fence_stopped(t);
  int sig = WSTOPSIG(status);
  if (sig == (SIGTRAP | 0x80)) at_syscall_stop(t);
  else if (status >> 16) on_event(t, status >> 16, sig);
  else at_resume(tid, sig); /* signal-delivery-stop: re-inject the signal */
  t = at_tracee_get(tid);
  if (t) t->started = 1;
}

int at_loop_run(int err_fd) {
  at_wakeups_setup();
  at_prof_init();
  for (;;) {
    at_housekeeping();
    if (ls.root_done && at_tracee_count() == 0) break;
    int status;
    struct rusage ru;
    uint64_t t0 = at_prof_on ? at_prof_now() : 0;
    pid_t tid = wait4(-1, &status, __WALL, &ru);
    if (at_prof_on) at_prof_add(AT_PROF_WAIT, t0), t0 = at_prof_now();
    if (tid <= 0 && errno == ECHILD) break;
    if (tid <= 0) continue;
    on_status(tid, status, &ru);
    if (at_prof_on) at_prof_add(at_prof_kind(status, ls.last_nr), t0);
  }
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  if (!ls.spawned) at_report_spawn_error(err_fd);
  at_report_exit(ls.root_status, &ls.ru);
  at_out_flush(1);
  at_prof_write();
  return 0;
}
