/* Syscall-stops requested by handlers: the exit of an allowed open (verify the file really
 * opened through /proc/<tid>/fd; on a mismatch inject close() and fail with EACCES). Works with
 * both seccomp/ptrace orders: gVisor (pre-4.8 order) shows an extra enter-stop first. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "scratch.h"
#include "stops.h"
#include "sysnr.h"

static int is_enter_stop(const struct user_regs_struct *r) {
  return (long)r->rax == -ENOSYS;
}

static void verify_open(at_tracee *t, struct user_regs_struct *r) {
  if (is_enter_stop(r)) {
    at_resume_syscall(t->tid);
    return;
  }
  t->wait = AT_WAIT_NONE;
  long fd = (long)r->rax;
  static char path[PATH_MAX];
  if (fd < 0 || at_path_of_fd(t, (int)fd, path, sizeof(path)) != 0) {
    at_resume(t->tid, 0);
    return;
  }
  at_verdict v;
  at_decide_file(at_sess.table, path, t->verify_op, &v);
  int approved = t->approved_path && strcmp(t->approved_path, path) == 0; /* what the human saw */
  free(t->approved_path);
  t->approved_path = NULL;
  if (v.effective == AT_D_ALLOW || v.effective == AT_D_AUDIT || approved) {
    at_resume(t->tid, 0);
    return;
  }
  v.effective = AT_D_DENY;
  at_event e = {.type = "file", .syscall = "open", .path = path, .operation = at_op_name(t->verify_op),
                .note = "opened file differs from the checked path; closed"};
  at_sess.denies++;
  at_emit(t, &e, &v);
  t->saved = *r;
  t->saved.rax = (unsigned long long)-EACCES;
  r->orig_rax = SYS_close;
  r->rax = SYS_close;
  r->rdi = (unsigned long long)fd;
  r->rip -= 2;
  if (at_regs_set(t->tid, r) != 0 || at_resume_syscall(t->tid) != 0) {
    kill(t->tid, SIGKILL);
    return;
  }
  t->wait = AT_WAIT_CLOSE_ENTER;
}

/* The exit of a syscall resumed from its seccomp stop: gVisor shows its enter-stop first (the call
 * is still -ENOSYS there). Lets that one through, once per wait, whatever the call returns later. */
static int enter_first(at_tracee *t, const struct user_regs_struct *r) {
  if (!is_enter_stop(r) || t->enter_seen) {
    t->enter_seen = 0;
    return 0;
  }
  t->enter_seen = 1;
  at_resume_syscall(t->tid);
  return 1;
}

void at_syscall_stop(at_tracee *t) {
  struct user_regs_struct r;
  if (at_regs_get(t->tid, &r) != 0) return;
  switch (t->wait) {
  case AT_WAIT_VERIFY_OPEN:
    verify_open(t, &r);
    return;
  case AT_WAIT_CLOSE_ENTER:
    t->wait = AT_WAIT_CLOSE_EXIT;
    at_resume_syscall(t->tid);
    return;
  case AT_WAIT_MMSG_EXIT:
    if (!enter_first(t, &r)) at_mmsg_exit(t, &r);
    return;
  case AT_WAIT_FENCE_EXIT:
    if (!enter_first(t, &r)) at_fence_exit(t);
    return;
  case AT_WAIT_RECV_EXIT:
    at_recv_exit(t, &r);
    return;
  case AT_WAIT_MMAP:
    at_scratch_syscall_stop(t, &r);
    return;
  case AT_WAIT_SEAL:
    at_scratch_seal_stop(t, &r);
    return;
  case AT_WAIT_CLOSE_EXIT:
    t->wait = AT_WAIT_NONE;
    if (at_regs_set(t->tid, &t->saved) != 0) kill(t->tid, SIGKILL);
    else at_resume(t->tid, 0);
    return;
  default:
    at_resume(t->tid, 0);
    return;
  }
}
