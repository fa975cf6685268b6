#ifndef AT_PROF_H
#define AT_PROF_H

/* Where the helper's time goes, per kind of stop: AGENTSH_TRACER_PROFILE=FILE makes the helper
 * count every stop and the wall time spent handling it (and blocked in wait4), and append one
 * line per kind to FILE at exit. Off (one branch per stop) otherwise. */
#include <stdint.h>

enum {
  AT_PROF_WAIT,       /* blocked in wait4 */
  AT_PROF_EXEC,       /* seccomp stop: execve/execveat */
  AT_PROF_FILE,       /* seccomp stop: file syscalls */
  AT_PROF_OTHER,      /* seccomp stop: signals, network */
  AT_PROF_FORK,       /* fork/vfork/clone event */
  AT_PROF_EXEC_EVENT, /* PTRACE_EVENT_EXEC */
  AT_PROF_NEW,        /* PTRACE_EVENT_STOP (a new child's first stop, group-stops) */
  AT_PROF_SIGNAL,     /* signal-delivery-stop */
  AT_PROF_SYSCALL,    /* syscall-stop (open verification, injected syscalls) */
  AT_PROF_EXIT,       /* a tracee's exit */
  AT_PROF_KINDS
};

extern int at_prof_on;
void at_prof_init(void);
uint64_t at_prof_now(void);
void at_prof_add(int kind, uint64_t since);
/* The kind of a wait4 status; nr = the syscall when it is a seccomp stop. */
int at_prof_kind(int status, long nr);
void at_prof_write(void);

#endif
