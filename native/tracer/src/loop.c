/* The ptrace loop: reap stops with wait4(__WALL|WNOHANG) while they come, otherwise sleep in
 * epoll on a SIGCHLD signalfd and the control socket. Single-threaded; owns every ptrace call. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctl.h"
#include "report.h"
#include "loop.h"
#include "out.h"
#include "spawn.h"
#include "stops.h"
#include "sysnr.h"

typedef struct {
  int root_done, root_status, spawned, ctl_closed;
  struct rusage ru;
} loop_state;

static loop_state ls;




static void on_seccomp(at_tracee *t) {
  struct user_regs_struct r;
  if (at_regs_get(t->tid, &r) != 0) return;
  at_sess.stops++;
  t->park_verify = 0;
  switch (r.orig_rax) {
  case SYS_execve:
  case SYS_execveat:
    at_stop_exec(t, &r);
    return;
  case SYS_kill:
  case SYS_tkill:
  case SYS_tgkill:
  case SYS_rt_sigqueueinfo:
  case SYS_rt_tgsigqueueinfo:
    at_stop_signal(t, &r);
    return;
  default:
    at_stop_file(t, &r); /* resumes syscalls it does not know (e.g. a tracee filter's own TRACE) */
    return;
  }
}


static void on_event(at_tracee *t, int ev, int sig) {
  unsigned long msg = 0;
  switch (ev) {
  case PTRACE_EVENT_SECCOMP:
    on_seccomp(t);
    return;
  case PTRACE_EVENT_FORK:
  case PTRACE_EVENT_VFORK:
  case PTRACE_EVENT_CLONE:
    ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg);
    if (msg) at_tracee_track((pid_t)msg, ev == PTRACE_EVENT_CLONE ? NULL : t);
    at_resume(t->tid, 0);
    return;
  case PTRACE_EVENT_EXEC:
    ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg);
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
    at_tracee_remove(tid);
    return;
  }
  if (!WIFSTOPPED(status)) return;
  at_sess.ptrace_stops++;
  at_tracee *t = at_tracee_track(tid, NULL);
  if (!t) {
    kill(tid, SIGKILL);
    return;
  }
  int sig = WSTOPSIG(status);
  if (sig == (SIGTRAP | 0x80)) at_syscall_stop(t);
  else if (status >> 16) on_event(t, status >> 16, sig);
  else at_resume(tid, sig); /* signal-delivery-stop: re-inject the signal */
  t = at_tracee_get(tid);
  if (t) t->started = 1;
}



/* Reaps every stop that is ready. Returns 1 when something was handled. */
static int reap(void) {
  int any = 0;
  for (;;) {
    int status;
    struct rusage ru;
    pid_t tid = wait4(-1, &status, __WALL | WNOHANG, &ru);
    if (tid < 0 && errno == ECHILD) return -1;
    if (tid <= 0) return any;
    on_status(tid, status, &ru);
    any = 1;
  }
}

static int setup_epoll(int *sfd) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  *sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = *sfd};
  epoll_ctl(ep, EPOLL_CTL_ADD, *sfd, &ev);
  ev.data.fd = at_sess.ctl_fd;
  epoll_ctl(ep, EPOLL_CTL_ADD, at_sess.ctl_fd, &ev);
  return ep;
}

static int min_timeout(int a, int b) {
  if (a < 0) return b;
  if (b < 0) return a;
  return a < b ? a : b;
}

int at_loop_run(int err_fd) {
  int sfd;
  int ep = setup_epoll(&sfd);
  for (;;) {
    if (reap() < 0 || (ls.root_done && at_tracee_count() == 0)) break;
    int due = at_out_due_ms();
    if (due == 0) at_out_flush(0);
    int timeout = min_timeout(min_timeout(at_out_due_ms(), at_park_sweep()), 1000);
    struct epoll_event evs[4];
    int n = epoll_wait(ep, evs, 4, timeout);
    for (int i = 0; i < n; i++) {
      if (evs[i].data.fd == sfd) {
        struct signalfd_siginfo si[16]; /* SIGCHLD only wakes us; wait4 finds the work */
        if (read(sfd, si, sizeof(si)) < 0) continue; /* EAGAIN: another wake drained it */
      } else if (!ls.ctl_closed && at_ctl_pump(at_sess.ctl_fd) < 0) {
        ls.ctl_closed = 1; /* JS side gone: end the session */
        epoll_ctl(ep, EPOLL_CTL_DEL, at_sess.ctl_fd, NULL);
        at_tracee_kill_all();
      }
    }
  }
  if (!ls.spawned) at_report_spawn_error(err_fd);
  at_report_exit(ls.root_status, &ls.ru);
  at_out_flush(1);
  return 0;
}
