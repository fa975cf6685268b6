/* execve/execveat: decide at the seccomp stop from the resolved target, the #! interpreter and
 * the program a dynamic loader would run; verify the loaded image at PTRACE_EVENT_EXEC. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static int has_redirect_rules(const at_table *t) {
  for (size_t i = 0; i < t->ncmd; i++)
    if (t->cmd[i].redirect_command) return 1;
  return 0;
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
static uint64_t redirect_argv(at_tracee *t, const at_cmd_rule *c, const exec_req *q) {
  size_t n = 1 + c->nredirect_args + (q->argc > 0 ? (size_t)q->argc - 1 : 0) + c->nredirect_append;
  const char **v = calloc(n + 1, sizeof(char *));
  if (!v) return 0;
  size_t k = 0, bytes = 0;
  v[k++] = c->redirect_command;
  for (size_t i = 0; i < c->nredirect_args; i++) v[k++] = c->redirect_args[i];
  for (int i = 1; i < q->argc; i++) v[k++] = q->argv[i];
  for (size_t i = 0; i < c->nredirect_append; i++) v[k++] = c->redirect_append[i];
  for (size_t i = 0; i < n; i++) bytes += strlen(v[i]) + 1;
  size_t total = (n + 1) * 8 + bytes;
  uint64_t base = at_scratch_addr(t) ? at_scratch_addr(t) + AT_SCRATCH_ARGV_OFF : 0;
  if (total > AT_SCRATCH_SIZE - AT_SCRATCH_ARGV_OFF) base = 0;
  char *buf = base ? malloc(total) : NULL;
  uint64_t out = 0;
  if (buf) {
    size_t off = (n + 1) * 8;
    for (size_t i = 0; i <= n; i++) {
      uint64_t ptr = i < n ? base + off : 0;
      memcpy(buf + i * 8, &ptr, 8);
      if (i < n) {
        memcpy(buf + off, v[i], strlen(v[i]) + 1);
        off += strlen(v[i]) + 1;
      }
    }
    out = at_mem_write(t, base, buf, total) == 0 ? base : 0;
  }
  free(buf);
  free(v);
  return out;
}

/* Points the filename (and argv) at the redirect target; execveat becomes a plain path exec. */
static int redirect(at_tracee *t, struct user_regs_struct *r, const at_cmd_rule *c, const exec_req *q) {
  uint64_t addr = at_scratch_str(t, c->redirect_command, 0);
  uint64_t argv = redirect_argv(t, c, q);
  if (!addr || !argv) return -1;
  if (r->orig_rax == SYS_execveat) {
    at_set_arg(r, 0, (uint64_t)AT_FDCWD);
    at_set_arg(r, 1, addr);
    at_set_arg(r, 2, argv);
    at_set_arg(r, 4, 0);
  } else {
    at_set_arg(r, 0, addr);
    at_set_arg(r, 1, argv);
  }
  return at_regs_set(t->tid, r);
}

void at_stop_exec(at_tracee *t, struct user_regs_struct *r) {
  /* a redirect writes the new filename and argv into the scratch area: map it first */
  if (has_redirect_rules(at_sess.table) && !at_scratch_addr(t) && at_scratch_inject(t, r) == 0) return;
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
  at_event e = {.type = "exec", .syscall = r->orig_rax == SYS_execveat ? "execveat" : "execve",
                .path = q.target[0] ? q.target : q.raw, .argv = q.argv, .argc = q.argc, .operation = "exec",
                .truncated = q.truncated};
  if (v.effective == AT_D_REDIRECT && v.cmd_rule && v.cmd_rule->redirect_command) {
    e.note = v.cmd_rule->redirect_command;
    if (redirect(t, r, v.cmd_rule, &q) == 0) {
      snprintf(q.target, sizeof(q.target), "%s", v.cmd_rule->redirect_command);
      q.alt[0] = 0;
      v.effective = AT_D_ALLOW;
    } else {
      v.effective = AT_D_DENY;
    }
  } else if (v.effective == AT_D_REDIRECT || v.effective == AT_D_SOFT_DELETE) {
    v.effective = AT_D_DENY;
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
