/* Registers of a stopped thread (x86_64) and restarting it. */
#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>

#include "session.h"

int at_regs_get(pid_t tid, struct user_regs_struct *r) {
  return ptrace(PTRACE_GETREGS, tid, 0, r) == 0 ? 0 : -errno;
}

int at_regs_set(pid_t tid, const struct user_regs_struct *r) {
  return ptrace(PTRACE_SETREGS, tid, 0, r) == 0 ? 0 : -errno;
}

uint64_t at_arg(const struct user_regs_struct *r, int i) {
  switch (i) {
  case 0: return r->rdi;
  case 1: return r->rsi;
  case 2: return r->rdx;
  case 3: return r->r10;
  case 4: return r->r8;
  default: return r->r9;
  }
}

void at_set_arg(struct user_regs_struct *r, int i, uint64_t v) {
  switch (i) {
  case 0: r->rdi = v; break;
  case 1: r->rsi = v; break;
  case 2: r->rdx = v; break;
  case 3: r->r10 = v; break;
  case 4: r->r8 = v; break;
  default: r->r9 = v; break;
  }
}

int at_resume(pid_t tid, int sig) {
  return ptrace(PTRACE_CONT, tid, 0, (void *)(long)sig) == 0 ? 0 : -errno;
}

int at_resume_syscall(pid_t tid) {
  return ptrace(PTRACE_SYSCALL, tid, 0, 0) == 0 ? 0 : -errno;
}

/* A deny that cannot be applied must never become an allow: kill the thread instead. */
int at_regs_fail(at_tracee *t, struct user_regs_struct *r, long ret) {
  r->orig_rax = (unsigned long long)-1;
  r->rax = (unsigned long long)ret;
  if (at_regs_set(t->tid, r) != 0) {
    kill(t->tid, SIGKILL);
    return -1;
  }
  return at_resume(t->tid, 0);
}
