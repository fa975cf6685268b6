/* execve/execveat: decide at the seccomp stop from the resolved target, the #! interpreter and
 * the program a dynamic loader would run; verify the loaded image at PTRACE_EVENT_EXEC. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exec_argv.h"
#include "exec_indirect.h"
#include "path.h"
#include "scratch.h"
#include "stops.h"
#include "sysnr.h"

static int worse(const at_verdict *a, const at_verdict *b) {
  static const int rank[] = {[AT_D_ALLOW] = 0, [AT_D_AUDIT] = 0, [AT_D_REDIRECT] = 1, [AT_D_SOFT_DELETE] = 1,
                             [AT_D_APPROVE] = 2, [AT_D_DENY] = 3};
  return rank[a->effective] > rank[b->effective];
}

static void builtin(at_verdict *v, const char *rule) {
  memset(v, 0, sizeof(*v));
  v->decision = v->effective = AT_D_DENY;
  v->rule = rule;
}

typedef struct {
  char target[PATH_MAX];
  char alt[PATH_MAX];
  char raw[PATH_MAX];
  char **argv;
  int argc;
  char *args;
  int truncated;
} exec_req;

/* Reads and resolves the request; returns NULL verdict rule on success, else a built-in deny. */
static const char *read_request(at_tracee *t, const struct user_regs_struct *r, exec_req *q) {
  int at = r->orig_rax == SYS_execveat;
  int dirfd = at ? (int)at_arg(r, 0) : AT_FDCWD;
  int flags = at ? (int)at_arg(r, 4) : 0;
  if (at_mem_read_str(t, at_arg(r, at ? 1 : 0), q->raw, sizeof(q->raw)) < 0) return "exec-unreadable-path";
  at_argv av;
  if (at_mem_read_argv(t, at_arg(r, at ? 2 : 1), &av) != 0) return "exec-unreadable-argv";
  q->argv = av.argv;
  q->argc = av.argc;
  q->args = av.joined;
  q->truncated = av.truncated;
  int res;
  if (at && !q->raw[0] && (flags & AT_EMPTY_PATH)) res = at_path_of_fd(t, dirfd, q->target, sizeof(q->target));
  else res = at_path_resolve(t, dirfd, q->raw, !(flags & AT_SYMLINK_NOFOLLOW), q->target, sizeof(q->target));
  if (res == AT_PATH_ANON) return "exec-anonymous-file";
  if (res < 0) {
    snprintf(q->target, sizeof(q->target), "%s", q->raw);
    return res == -ENOENT ? NULL : "exec-unresolvable-path";
  }
  return NULL;
}

/* A cut argv could hide what an args pattern looks for: then the exec is refused. */
static int has_args_rules(const at_table *t) {
  for (size_t i = 0; i < t->ncmd; i++)
    if (t->cmd[i].nargs > 0) return 1;
  return 0;
}

static void decide(at_tracee *t, exec_req *q, at_verdict *v) {
  at_decide_exec(at_sess.table, q->target, q->args, t->depth, v);
  q->alt[0] = 0;
  at_verdict extra;
  if (at_exec_script_interp(t, q->target, q->alt, sizeof(q->alt))) {
    at_decide_exec(at_sess.table, q->alt, q->args, t->depth, &extra);
    if (worse(&extra, v)) *v = extra;
  } else if (at_exec_is_loader(q->target)) {
    const char *prog = at_exec_loader_target(q->argv, q->argc);
    if (prog && at_path_resolve(t, AT_FDCWD, prog, 1, q->alt, sizeof(q->alt)) == 0) {
      at_decide_exec(at_sess.table, q->alt, q->args, t->depth, &extra);
      if (worse(&extra, v)) *v = extra;
    }
  }
}

/* Writes argv = command, rule args, the original argv[1..], rule argsAppend below the stack red
 * zone (under the filename slots) and returns its address, or 0. */
void at_stop_exec(at_tracee *t, struct user_regs_struct *r) {
  /* a redirect writes the new filename and argv into the scratch area: map it first */
  static exec_req q;
  memset(&q, 0, sizeof(q.target) + sizeof(q.alt));
  q.argv = NULL;
  q.argc = 0;
  q.args = NULL;
  q.truncated = 0;
  at_verdict v;
  const char *bad = read_request(t, r, &q);
  if (bad) builtin(&v, bad);
  else if (q.truncated && has_args_rules(at_sess.table)) builtin(&v, "exec-argv-too-long");
  else decide(t, &q, &v);
  /* redirects and pinned argv need the scratch area: map it, the execve then stops again */
  int go = v.effective == AT_D_ALLOW || v.effective == AT_D_AUDIT || v.effective == AT_D_APPROVE;
  int racy = at_tracee_memory_shared(t) || v.effective == AT_D_APPROVE;
  int pin = go && racy && (has_args_rules(at_sess.table) || at_exec_is_loader(q.target));
  if ((pin || v.effective == AT_D_REDIRECT) && !at_scratch_addr(t) && at_scratch_inject(t, r) == 0) {
    at_argv_free(q.argv, q.argc);
    free(q.args);
    return;
  }
  at_event e = {.type = "exec", .syscall = r->orig_rax == SYS_execveat ? "execveat" : "execve",
                .path = q.target[0] ? q.target : q.raw, .argv = q.argv, .argc = q.argc, .operation = "exec",
                .truncated = q.truncated};
  if (v.effective == AT_D_REDIRECT && v.cmd_rule && v.cmd_rule->redirect_command) {
    e.note = v.cmd_rule->redirect_command;
    if (at_exec_redirect(t, r, v.cmd_rule, q.argv, q.argc) == 0) {
      snprintf(q.target, sizeof(q.target), "%s", v.cmd_rule->redirect_command);
      q.alt[0] = 0;
      v.effective = AT_D_ALLOW;
    } else {
      v.effective = AT_D_DENY;
    }
  } else if (v.effective == AT_D_REDIRECT || v.effective == AT_D_SOFT_DELETE) {
    v.effective = AT_D_DENY;
  }
  /* args patterns (and ld.so's program argument) judged this argv: the kernel must copy exactly it
   * (a sibling thread, or the parent of a vfork child, could rewrite the original after the check) */
  if (pin && !e.note) {
    uint64_t argv = at_exec_write_argv(t, (const char **)q.argv, (size_t)q.argc);
    at_set_arg(r, r->orig_rax == SYS_execveat ? 2 : 1, argv);
    if (!argv || at_regs_set(t->tid, r) != 0) builtin(&v, "exec-pin-failed");
  }
  if (v.effective != AT_D_DENY) {
    memcpy(t->exec_path, q.target, sizeof(t->exec_path));
    memcpy(t->exec_alt, q.alt, sizeof(t->exec_alt));
    free(t->exec_args);
    t->exec_args = q.args;
    q.args = NULL;
    t->exec_pending = 1;
  }
  at_apply(t, r, &e, &v, EACCES);
  at_argv_free(q.argv, q.argc);
  free(q.args);
}

void at_event_exec(at_tracee *t, pid_t former) {
  at_tracee *src = former != t->tid ? at_tracee_get(former) : t;
  if (src && src != t) { /* a non-leader thread exec'd and took over the leader's tid */
    memcpy(t->exec_path, src->exec_path, sizeof(t->exec_path));
    memcpy(t->exec_alt, src->exec_alt, sizeof(t->exec_alt));
    free(t->exec_args);
    t->exec_args = src->exec_args;
    src->exec_args = NULL;
    t->exec_pending = src->exec_pending;
    at_tracee_remove(former);
  }
  at_mem_forget(t); /* the address space changed: new mem fd, no scratch area yet */
  t->scratch = 0;
  t->scratch_failed = 0;
  t->shares_mm = t->vforked = 0; /* a fresh address space of its own */
  if (!(at_sess.table->stop & AT_STOP_EXEC)) return;
  char exe[PATH_MAX], link[64];
  snprintf(link, sizeof(link), "/proc/%d/exe", t->tid);
  ssize_t n = readlink(link, exe, sizeof(exe) - 1);
  int ok = 0;
  if (n > 0 && t->exec_pending) {
    exe[n] = 0;
    ok = strcmp(exe, t->exec_path) == 0 || (t->exec_alt[0] && strcmp(exe, t->exec_alt) == 0);
    if (!ok) {
      at_verdict v;
      at_decide_exec(at_sess.table, exe, t->exec_args ? t->exec_args : "", t->depth, &v);
      ok = v.effective == AT_D_ALLOW || v.effective == AT_D_AUDIT;
    }
  }
  t->exec_pending = 0;
  if (ok) return;
  at_verdict v;
  builtin(&v, "exec-image-mismatch");
  at_event e = {.type = "exec", .syscall = "execve", .path = n > 0 ? exe : "?", .operation = "exec",
                .note = "loaded image differs from the checked path; killed"};
  at_emit(t, &e, &v);
  kill(t->tgid, SIGKILL);
}
