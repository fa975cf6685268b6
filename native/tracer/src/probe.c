/* Capability probe: which tracing mechanisms work here (natively, under gVisor, ...).
 * Prints one JSON object on stdout. */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"
#include "sysnr.h"

static char probe_str[] = "agentsh-probe";

typedef struct {
  int seize, seccomp_trace, deny_at_stop, proc_mem, vm_readv, syscall_info, openat2, exitkill_opt;
  const char *order;
} results;

static void child(void) {
  struct sock_filter f[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 7),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {.len = 4, .filter = f};
  raise(SIGSTOP);
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0)) _exit(3);
  long r1 = syscall(SYS_getppid);
  int e1 = errno;
  syscall(SYS_getppid);
  _exit(r1 == -1 && e1 == EACCES ? 0 : 1);
}

static void first_stop(pid_t pid, results *res) {
  struct user_regs_struct r;
  ptrace(PTRACE_GETREGS, pid, 0, &r);
  struct __ptrace_syscall_info info;
  res->syscall_info = ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(info), &info) > 0;
  char buf[sizeof(probe_str)] = {0}, path[64];
  snprintf(path, sizeof(path), "/proc/%d/mem", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  res->proc_mem = fd >= 0 && pread(fd, buf, sizeof(buf), (off_t)(uintptr_t)probe_str) == (ssize_t)sizeof(buf) &&
                  memcmp(buf, probe_str, sizeof(buf)) == 0;
  if (fd >= 0) close(fd);
  memset(buf, 0, sizeof(buf));
  struct iovec local = {buf, sizeof(buf)}, remote = {probe_str, sizeof(buf)};
  res->vm_readv = process_vm_readv(pid, &local, 1, &remote, 1, 0) == (ssize_t)sizeof(buf) &&
                  memcmp(buf, probe_str, sizeof(buf)) == 0;
  r.orig_rax = (unsigned long long)-1;
  r.rax = (unsigned long long)-EACCES;
  ptrace(PTRACE_SETREGS, pid, 0, &r);
  ptrace(PTRACE_CONT, pid, 0, 0);
}

static void trace_child(pid_t pid, results *res) {
  int st, seccomp_stops = 0, want_order = 0;
  long opts = PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL;
  if (waitpid(pid, &st, WUNTRACED) != pid) return;
  res->seize = ptrace(PTRACE_SEIZE, pid, 0, (void *)opts) == 0;
  res->exitkill_opt = res->seize;
  if (!res->seize) return;
  kill(pid, SIGCONT);
  while (waitpid(pid, &st, __WALL) == pid) {
    if (WIFEXITED(st)) {
      res->deny_at_stop = WEXITSTATUS(st) == 0;
      return;
    }
    if (WIFSIGNALED(st)) return;
    int sig = WSTOPSIG(st), ev = st >> 16;
    if (ev == PTRACE_EVENT_SECCOMP) {
      res->seccomp_trace = 1;
      if (++seccomp_stops == 1) first_stop(pid, res);
      else {
        want_order = 1;
        ptrace(PTRACE_SYSCALL, pid, 0, 0);
      }
    } else if (sig == (SIGTRAP | 0x80) && want_order) {
      struct user_regs_struct r;
      ptrace(PTRACE_GETREGS, pid, 0, &r);
      res->order = (long)r.rax == -ENOSYS ? "seccomp-before-enter" : "enter-before-seccomp";
      want_order = 0;
      ptrace(PTRACE_CONT, pid, 0, 0);
    } else {
      ptrace(PTRACE_CONT, pid, 0, (void *)(long)(ev ? 0 : sig == SIGSTOP ? 0 : sig));
    }
  }
}

int at_probe_main(void) {
  results res = {0};
  res.order = "unknown";
  pid_t pid = fork();
  if (pid == 0) child();
  if (pid > 0) {
    trace_child(pid, &res);
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, __WALL) > 0) {
    }
  }
  struct open_how how = {.flags = O_RDONLY | O_DIRECTORY};
  long fd = syscall(SYS_openat2, AT_FDCWD, "/", &how, sizeof(how));
  res.openat2 = fd >= 0;
  if (fd >= 0) close((int)fd);
  printf("{\"seize\":%s,\"seccompTrace\":%s,\"denyAtSeccompStop\":%s,\"procMem\":%s,\"processVmReadv\":%s,"
         "\"getSyscallInfo\":%s,\"openat2\":%s,\"exitKill\":%s,\"seccompOrder\":\"%s\"}\n",
         res.seize ? "true" : "false", res.seccomp_trace ? "true" : "false", res.deny_at_stop ? "true" : "false",
         res.proc_mem ? "true" : "false", res.vm_readv ? "true" : "false", res.syscall_info ? "true" : "false",
         res.openat2 ? "true" : "false", res.exitkill_opt ? "true" : "false", res.order);
  return 0;
}
