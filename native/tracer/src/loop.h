#ifndef AT_LOOP_H
#define AT_LOOP_H

#include <sys/types.h>

/* ptrace options every tracee gets (set once at SEIZE, inherited by auto-attached children). */
#define AT_PTRACE_OPTIONS                                                                                   \
  (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |               \
   PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL)

/* Runs until the root and every descendant are gone (or the control socket closes).
 * err_fd: read end of the child's error pipe. Returns the helper's exit code. */
int at_loop_run(int err_fd);

#endif
