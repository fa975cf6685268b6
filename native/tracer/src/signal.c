/* The kill family: classify the target relative to the sender and apply signal rules (EPERM). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stops.h"
#include "sysnr.h"

static pid_t tgid_of(pid_t tid) {
  at_tracee *t = at_tracee_get(tid);
  if (t) return t->tgid;
  char p[64], line[256];
  snprintf(p, sizeof(p), "/proc/%d/status", tid);
  FILE *f = fopen(p, "re");
  pid_t tgid = tid;
  while (f && fgets(line, sizeof(line), f))
    if (sscanf(line, "Tgid: %d", &tgid) == 1) break;
  if (f) fclose(f);
  return tgid;
}

static void comm_of(pid_t pid, char *out, size_t cap) {
  char p[64];
  snprintf(p, sizeof(p), "/proc/%d/comm", pid);
  out[0] = 0;
  FILE *f = fopen(p, "re");
  if (!f) return;
  if (fgets(out, (int)cap, f)) out[strcspn(out, "\n")] = 0;
  fclose(f);
}

static uint32_t relation(const at_tracee *s, pid_t target) {
  if (target <= 0) return target == 0 ? AT_REL_SELF | AT_REL_SESSION : AT_REL_SYSTEM | AT_REL_EXTERNAL;
  if (target == 1) return AT_REL_SYSTEM | AT_REL_EXTERNAL;
  at_tracee *t = at_tracee_get(target);
  uint32_t rel = 0;
  if (target == s->tgid) rel |= AT_REL_SELF;
  if (target == s->ppid) rel |= AT_REL_PARENT;
  if (!t) return rel | ((rel & AT_REL_PARENT) ? 0 : AT_REL_EXTERNAL);
  rel |= AT_REL_SESSION;
  if (t->ppid == s->tgid) rel |= AT_REL_CHILD;
  else if (at_tracee_is_ancestor(s->tgid, target)) rel |= AT_REL_DESC;
  if (t->ppid == s->ppid && target != s->tgid) rel |= AT_REL_SIBLING;
  return rel;
}

void at_stop_signal(at_tracee *t, struct user_regs_struct *r) {
  pid_t target;
  int sig;
  const char *name;
  switch (r->orig_rax) {
  case SYS_kill: name = "kill"; target = (pid_t)at_arg(r, 0); sig = (int)at_arg(r, 1); break;
  case SYS_tkill: name = "tkill"; target = tgid_of((pid_t)at_arg(r, 0)); sig = (int)at_arg(r, 1); break;
  case SYS_tgkill: name = "tgkill"; target = (pid_t)at_arg(r, 0); sig = (int)at_arg(r, 2); break;
  case SYS_rt_sigqueueinfo: name = "rt_sigqueueinfo"; target = (pid_t)at_arg(r, 0); sig = (int)at_arg(r, 1); break;
  case SYS_rt_tgsigqueueinfo: name = "rt_tgsigqueueinfo"; target = (pid_t)at_arg(r, 0); sig = (int)at_arg(r, 2); break;
  default: at_resume(t->tid, 0); return;
  }
  if (sig == 0) { /* existence probe: nothing is delivered */
    at_resume(t->tid, 0);
    return;
  }
  if (target < -1) target = -target; /* process group: judged by its leader */
  char comm[64];
  comm_of(target > 0 ? target : t->tgid, comm, sizeof(comm));
  at_verdict v;
  at_decide_signal(at_sess.table, sig, relation(t, target), target, comm, &v);
  if (v.effective == AT_D_REDIRECT || v.effective == AT_D_SOFT_DELETE) v.effective = AT_D_ALLOW;
  at_event e = {.type = "signal", .syscall = name, .operation = "signal", .signal = sig, .target = target};
  at_apply(t, r, &e, &v, EPERM);
}
