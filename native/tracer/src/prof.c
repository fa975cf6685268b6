/* Per-kind stop counters for profiling the helper (see prof.h). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>

#include "sysnr.h"

#include "prof.h"

int at_prof_on;
static const char *prof_file;
static uint64_t count[AT_PROF_KINDS], ns[AT_PROF_KINDS];
static const char *const names[AT_PROF_KINDS] = {"wait4",      "seccomp-exec", "seccomp-file", "seccomp-other",
                                                 "fork-event", "exec-event",   "event-stop",   "signal",
                                                 "syscall-stop", "exit"};

void at_prof_init(void) {
  prof_file = getenv("AGENTSH_TRACER_PROFILE");
  at_prof_on = prof_file && prof_file[0];
}

uint64_t at_prof_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void at_prof_add(int kind, uint64_t since) {
  if (kind < 0 || kind >= AT_PROF_KINDS) return;
  count[kind]++;
  ns[kind] += at_prof_now() - since;
}

int at_prof_kind(int status, long nr) {
  if (!WIFSTOPPED(status)) return AT_PROF_EXIT;
  if (WSTOPSIG(status) == (SIGTRAP | 0x80)) return AT_PROF_SYSCALL;
  switch (status >> 16) {
  case 0: return AT_PROF_SIGNAL;
  case PTRACE_EVENT_SECCOMP:
    if (nr == SYS_execve || nr == SYS_execveat) return AT_PROF_EXEC;
    return nr == SYS_kill || nr == SYS_tkill || nr == SYS_tgkill || nr == SYS_connect || nr == SYS_sendto ||
                   nr == SYS_sendmsg || nr == SYS_sendmmsg || nr == SYS_bind || nr == SYS_listen || nr == SYS_recvfrom
               ? AT_PROF_OTHER
               : AT_PROF_FILE;
  case PTRACE_EVENT_EXEC: return AT_PROF_EXEC_EVENT;
  case PTRACE_EVENT_STOP: return AT_PROF_NEW;
  default: return AT_PROF_FORK;
  }
}

void at_prof_write(void) {
  if (!at_prof_on) return;
  FILE *f = fopen(prof_file, "ae");
  if (!f) return;
  for (int k = 0; k < AT_PROF_KINDS; k++)
    if (count[k])
      fprintf(f, "%s %llu %llu\n", names[k], (unsigned long long)count[k], (unsigned long long)ns[k]);
  fclose(f);
}
