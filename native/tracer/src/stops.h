#ifndef AT_STOPS_H
#define AT_STOPS_H

/* Handlers for the stops the ptrace loop dispatches. Each one decides and then resumes, denies
 * or parks the thread; none of them blocks. */
#include <sys/user.h>

#include "out.h"
#include "session.h"

typedef struct {
  const char *type;      /* exec, file, signal */
  const char *syscall;
  const char *path;
  const char *path2;
  char *const *argv;
  int argc;
  const char *operation;
  int signal, target;
  int truncated;         /* argv was cut */
  const char *note;      /* why a built-in rule fired, or what happened to an approval */
  const char *family;    /* network: inet, inet6 */
  const char *address;   /* network: destination address text */
  int port;
  char *const *names;    /* network: names that resolved to the address */
  int nnames;
} at_event;

void at_stop_exec(at_tracee *t, struct user_regs_struct *r);
void at_stop_file(at_tracee *t, struct user_regs_struct *r);
void at_stop_signal(at_tracee *t, struct user_regs_struct *r);
/* socket() of a family no rule can judge: refused (net_socket.c) */
void at_stop_socket(at_tracee *t, struct user_regs_struct *r);
/* connect, sendto, sendmsg, sendmmsg (net.c) */
void at_stop_net(at_tracee *t, struct user_regs_struct *r);
/* sendmmsg (net_mmsg.c): every destination judged; pinned when another thread can write the vector */
void at_stop_mmsg(at_tracee *t, struct user_regs_struct *r, at_event *e);
void at_mmsg_exit(at_tracee *t, struct user_regs_struct *r);
/* net_recv.c: a steered socket remembers its original destination; recvfrom replies from the proxy
 * are shown as coming from it. */
void at_net_steered(const at_tracee *t, int fd, const uint8_t *orig, size_t len);
void at_stop_recv(at_tracee *t, struct user_regs_struct *r);
void at_recv_exit(at_tracee *t, struct user_regs_struct *r);
/* listen.c: listen judged against the path or IP address an allowed bind gave the socket. */
void at_unix_bound(const at_tracee *t, int fd, const char *path);
void at_ip_bound(const at_tracee *t, int fd, const at_net_dest *d);
void at_stop_listen(at_tracee *t, struct user_regs_struct *r);
/* PTRACE_EVENT_EXEC: re-check the image that was really loaded; former = the tid that called execve. */
void at_event_exec(at_tracee *t, pid_t former);
/* loop.c: dispatches a seccomp stop (fence.c re-dispatches deferred ones). */
void at_seccomp_stop(at_tracee *t);

/* fence.c, fence_redispatch.c: renames, symlinks and links never run while a checked path is walked. */
void at_fence_resume(at_tracee *t, long nr); /* resumes an allowed file syscall (fenced if structural) */
void at_fence_stopped(at_tracee *t);         /* every stop of a tracked thread */
void at_fence_walk(at_tracee *t, int on);    /* a thread resumed from an approval wait walks a path again */
void at_fence_parked(at_tracee *t);          /* a thread stays stopped for an approval */
int at_fence_defer(at_tracee *t, long nr);   /* 1: this seccomp stop waits for the fence */
void at_fence_after(at_tracee *t);           /* after a seccomp stop was handled */
void at_fence_exit(at_tracee *t);            /* the exit stop of the holder's syscall */
void at_fence_gone(at_tracee *t);            /* its exit was reaped */
int at_fence_forget(at_tracee *t);           /* its record is freed (tracees.c) */
void at_fence_kick(int tick);                /* SIGUSR2 (another helper's fence) or a tick */
int at_fence_busy(void);                     /* a fence holds, here or in another helper */
void at_fence_redispatch(void);              /* fence_redispatch.c */

/* A syscall-stop requested by a handler (exit of an open to verify, an injected close). */
void at_syscall_stop(at_tracee *t);

/* events.c */
void at_event_json(at_json *j, const char *kind, const at_tracee *t, const at_event *e, const at_verdict *v);
void at_emit(const at_tracee *t, const at_event *e, const at_verdict *v);

/* park.c: approvals. The thread stays stopped until JS answers or the timeout denies. */
void at_park(at_tracee *t, const at_event *e, const at_verdict *v, const struct user_regs_struct *r, int deny_errno);
void at_park_answer(unsigned id, int allow);
/* Denies every parked thread whose deadline passed; returns ms until the next deadline or -1. */
int at_park_sweep(void);
void at_park_forget(pid_t tid);

/* Applies an allow/deny verdict at a seccomp stop (deny: -deny_errno). */
void at_apply(at_tracee *t, struct user_regs_struct *r, const at_event *e, const at_verdict *v, int deny_errno);

#endif
