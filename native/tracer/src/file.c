/* File syscalls: extract the path arguments and the operation, resolve, decide. Allowed opens
 * are verified at their exit through /proc/<tid>/fd (a swapped symlink or a path buffer changed
 * by another thread is caught there); soft deletes are done by the tracer itself. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file_args.h"
#include "file_builtin.h"
#include "path.h"
#include "scratch.h"
#include "stops.h"
#include "sysnr.h"

#define AT_PATH_FD 2 /* resolve_arg: the path named an fd (AT_EMPTY_PATH), not a path to pin */

/* Reads and resolves one path argument; returns 0, AT_PATH_ANON or -errno. */
static int resolve_arg(at_tracee *t, const struct user_regs_struct *r, int dirfd_arg, int path_arg, int follow,
                       char *out) {
  char raw[PATH_MAX];
  ssize_t n = at_mem_read_str(t, at_arg(r, path_arg), raw, sizeof(raw));
  if (n < 0) return (int)n;
  int dirfd = dirfd_arg == AT_ARG_NONE ? AT_FDCWD : (int)at_arg(r, dirfd_arg);
  if (!raw[0] && dirfd != AT_FDCWD) { /* AT_EMPTY_PATH: the fd itself */
    int r2 = at_path_of_fd(t, dirfd, out, PATH_MAX);
    return r2 < 0 ? r2 : AT_PATH_FD;
  }
  return at_path_resolve(t, dirfd, raw, follow, out, PATH_MAX);
}

static void deny_builtin(at_verdict *v, const char *rule) {
  memset(v, 0, sizeof(*v));
  v->decision = v->effective = AT_D_DENY;
  v->rule = rule;
}

/* The worse of the two paths' verdicts (rename/link check both). */
static void decide2(const char *p1, const char *p2, int op, at_verdict *v) {
  at_decide_file(at_sess.table, p1, op, v);
  if (!p2 || v->effective == AT_D_DENY) return;
  at_verdict b;
  at_decide_file(at_sess.table, p2, op, &b);
  if (b.effective == AT_D_DENY || (b.effective == AT_D_APPROVE && v->effective != AT_D_DENY)) *v = b;
  if (op != AT_OP_LINK || v->effective == AT_D_DENY) return;
  /* a hard link is a second name for the same inode: no writable alias of a file we may not write */
  at_decide_file(at_sess.table, p1, AT_OP_WRITE, &b);
  if (b.effective == AT_D_DENY) *v = b;
}

/* soft_delete: the tracer moves the file into the session quarantine; the syscall returns 0. */
static int soft_delete(const char *path) {
  if (!at_sess.quarantine) return -ENOENT;
  const char *base = strrchr(path, '/');
  char dst[PATH_MAX * 2 + 64];
  snprintf(dst, sizeof(dst), "%s/%ld-%u-%s", at_sess.quarantine, (long)time(NULL), ++at_sess.quarantine_seq,
           base ? base + 1 : path);
  mkdir(at_sess.quarantine, 0700);
  return rename(path, dst) == 0 ? 0 : -errno;
}

static void redirect_path(at_tracee *t, struct user_regs_struct *r, const at_file_req *q, at_verdict *v,
                          const char *to) {
  uint64_t addr = at_scratch_put(t, at_scratch_pair(t), to);
  if (!addr) {
    v->effective = AT_D_DENY;
    return;
  }
  at_set_arg(r, q->path_arg, addr);
  if (q->dirfd_arg != AT_ARG_NONE) at_set_arg(r, q->dirfd_arg, (uint64_t)AT_FDCWD);
  v->effective = at_regs_set(t->tid, r) == 0 ? AT_D_ALLOW : AT_D_DENY;
}


/* Could a tracee re-point one of the symlinks the walk followed? Only if the policy lets it delete,
 * rename or create a symlink at that path (all tracees run under this table). */
static int links_swappable(int links) {
  if (links > AT_PATH_LINKS_KEPT) return 1;
  static const int ops[] = {AT_OP_DELETE, AT_OP_RENAME, AT_OP_SYMLINK};
  for (int i = 0; i < links; i++) {
    for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
      at_verdict v;
      at_decide_file(at_sess.table, at_path_link(i), ops[k], &v);
      if (v.effective != AT_D_DENY) return 1;
    }
  }
  return 0;
}

/* The exit-stop check of the opened fd costs a second stop (two on gVisor). It is skipped when
 * nothing can swap the path under us: memory no other thread can write, and no symlink on the way
 * that a tracee may re-point. */
static int needs_verify(const at_tracee *t, int link_risk) {
  return link_risk || at_tracee_memory_shared(t);
}


/* The kernel would walk the path again after our check: a sibling thread could rewrite the buffer,
 * another process could re-point a symlink (or swap it while an approval waits). Point the path
 * registers at copies of the checked canonical paths (below the stack red zone) instead. */
static int pin_paths(at_tracee *t, struct user_regs_struct *r, const at_file_req *q, const char *p1, const char *p2) {
  if (!at_scratch_addr(t) && at_scratch_failed(t)) return -1; /* no scratch area: fail closed (a tracee can make the mmap fail) */
  uint64_t pair = at_scratch_pair(t);
  uint64_t a1 = at_scratch_put(t, pair, p1);
  uint64_t a2 = p2 ? at_scratch_put(t, pair ? pair + AT_SCRATCH_SLOT : 0, p2) : 1;
  if (!a1 || !a2) return -1;
  at_set_arg(r, q->path_arg, a1);
  if (q->dirfd_arg != AT_ARG_NONE) at_set_arg(r, q->dirfd_arg, (uint64_t)AT_FDCWD);
  if (p2) {
    at_set_arg(r, q->path2_arg, a2);
    if (q->dirfd2_arg != AT_ARG_NONE) at_set_arg(r, q->dirfd2_arg, (uint64_t)AT_FDCWD);
  }
  return at_regs_set(t->tid, r);
}

void at_stop_file(at_tracee *t, struct user_regs_struct *r) {
  at_file_req q;
  int kind = at_file_classify(t, r, &q);
  if (kind == -1) {
    at_resume(t->tid, 0);
    return;
  }
  static char p1[PATH_MAX], p2[PATH_MAX];
  p1[0] = p2[0] = 0;
  at_verdict v;
  const char *builtin;
  at_event e = {.type = "file", .syscall = q.name ? q.name : "openat2", .path = p1, .operation = at_op_name(q.op)};
  int r1 = kind == -2 ? -EINVAL : resolve_arg(t, r, q.dirfd_arg, q.path_arg, q.follow, p1);
  at_stat_once_t s1 = {0};
  if (r1 == 0) s1.state = at_path_leaf_stat(p1, &s1.st); /* before p2's resolution */
  int link_risk = at_path_links() > 0 && links_swappable(at_path_links()); /* before p2's walk */
  int r2 = q.path2_arg == AT_ARG_NONE || r1 < 0 ? 0 : resolve_arg(t, r, q.dirfd2_arg, q.path2_arg, 0, p2);
  if (q.path2_arg != AT_ARG_NONE && r1 >= 0) link_risk |= at_path_links() > 0 && links_swappable(at_path_links());
  if (q.path2_arg != AT_ARG_NONE) e.path2 = p2;
  if (r1 < 0 || r2 < 0) deny_builtin(&v, "file-unresolvable-path");
  else if ((builtin = at_file_builtin(&q, p1, p2, &s1)) != NULL) deny_builtin(&v, builtin);
  else if (!(at_sess.table->stop & AT_STOP_FILE)) {
    at_resume(t->tid, 0); /* only write opens stop without file rules: nothing else to check */
    return;
  } else {
    /* O_CREAT on a file that exists is a write: a 'write' deny must not be dodged with O_CREAT */
    if (q.is_open && q.op == AT_OP_CREATE && !(q.flags & O_EXCL) && at_stat_once(&s1, p1)) q.op = AT_OP_WRITE;
    e.operation = at_op_name(q.op);
    decide2(p1, q.path2_arg != AT_ARG_NONE ? p2 : NULL, q.op, &v);
  }
  if (v.effective == AT_D_SOFT_DELETE && (q.op == AT_OP_DELETE || q.op == AT_OP_RMDIR)) {
    int res = soft_delete(p1);
    e.note = res == 0 ? "moved to quarantine" : "quarantine failed";
    at_emit(t, &e, &v);
    at_regs_fail(t, r, res == 0 ? 0 : -EACCES);
    return;
  }
  static char target[PATH_MAX];
  int redirect = v.effective == AT_D_REDIRECT && v.file_rule &&
                 at_file_redirect_target(v.file_rule, p1, target, sizeof(target)) == 0;
  int go = v.effective == AT_D_ALLOW || v.effective == AT_D_AUDIT || v.effective == AT_D_APPROVE;
  /* When something could swap the path (a symlink on the way, memory another thread can write, a
   * wait for approval) the syscall runs on the checked canonical paths: side effects (unlink, rename,
   * O_TRUNC, O_CREAT ...) happen before any exit check could see a swap, and an open needs no exit
   * stop then (the walk fence keeps traced renames off the canonical path). Read-only opens under
   * /proc are not pinned (magic links mean something only when walked): they are verified at exit. */
  int racy = needs_verify(t, link_risk) || v.effective == AT_D_APPROVE;
  /* where every pinned word costs a ptrace call (gVisor) an exit stop is cheaper for a read */
  int verify_read = q.is_open && q.op == AT_OP_OPEN && (strncmp(p1, "/proc/", 6) == 0 || !at_mem_write_cheap());
  int pin = go && racy && r1 == 0 && r2 == 0 && !verify_read;
  if ((pin || redirect) && !at_scratch_addr(t) && at_scratch_inject(t, r) == 0) return; /* stops again */
  if (redirect) {
    e.note = target;
    redirect_path(t, r, &q, &v, target);
  } else if (v.effective == AT_D_REDIRECT || v.effective == AT_D_SOFT_DELETE) {
    v.effective = v.effective == AT_D_SOFT_DELETE ? AT_D_ALLOW : AT_D_DENY;
  }
  if (pin && pin_paths(t, r, &q, p1, q.path2_arg != AT_ARG_NONE ? p2 : NULL) != 0) {
    deny_builtin(&v, "file-pin-failed");
    go = 0;
  }
  if (go && !pin && q.is_open && v.effective != AT_D_APPROVE && !e.note && needs_verify(t, link_risk)) {
    t->wait = AT_WAIT_VERIFY_OPEN;
    t->verify_op = q.op;
    if (at_resume_syscall(t->tid) != 0) t->wait = AT_WAIT_NONE;
    at_emit(t, &e, &v);
    return;
  }
  t->verify_op = q.op;
  t->park_verify = q.is_open && v.effective == AT_D_APPROVE; /* re-check the file after the wait */
  free(t->approved_path);
  t->approved_path = t->park_verify ? strdup(p1) : NULL;
  if (v.effective == AT_D_ALLOW || v.effective == AT_D_AUDIT) { /* fenced against directory swaps */
    at_fence_resume(t, (long)r->orig_rax);
    at_emit(t, &e, &v);
    return;
  }
  at_apply(t, r, &e, &v, EACCES);
}
