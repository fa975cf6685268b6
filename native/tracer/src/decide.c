/* Evaluates the decoded policy table: first matching rule wins, as in @agentsh/policy. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "table.h"

static const char *const decision_names[] = {"allow", "deny", "approve", "redirect", "audit", "soft_delete"};
static const char *const op_names[AT_OP_COUNT] = {"open",    "read", "write", "create", "delete",
                                                  "rmdir",   "mkdir", "rename", "link",  "symlink",
                                                  "chmod",   "chown", "stat",  "list",  "readlink"};

const char *at_decision_name(int d) {
  return d >= 0 && d <= AT_D_SOFT_DELETE ? decision_names[d] : "deny";
}

const char *at_op_name(int op) {
  return op >= 0 && op < AT_OP_COUNT ? op_names[op] : "unknown";
}

static void set_default(at_verdict *out, int decision, const char *rule) {
  memset(out, 0, sizeof(*out));
  out->decision = decision;
  out->effective = decision;
  out->rule = rule;
}

static void set_rule(at_verdict *out, const at_rule_base *b) {
  memset(out, 0, sizeof(*out));
  out->decision = b->decision;
  out->effective = b->effective;
  out->rule = b->name;
  out->timeout_ms = b->timeout_ms;
}

static int any_glob(const at_glob *v, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++)
    if (at_glob_match(&v[i], s)) return 1;
  return 0;
}

static int any_str(char *const *v, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(v[i], s) == 0) return 1;
  return 0;
}

void at_decide_file(const at_table *t, const char *path, int op, at_verdict *out) {
  /* op < 0: an operation no rule can list; only '*' rules match it */
  uint32_t want = op >= 0 && op < AT_OP_COUNT ? 1u << op : 0;
  if (op == AT_OP_OPEN) want |= 1u << AT_OP_READ; /* a read-only open also matches 'read' rules */
  for (size_t i = 0; i < t->nfile; i++) {
    const at_file_rule *f = &t->file[i];
    if (!(want ? (f->ops & want) : f->ops == 0xffffffffu) || !any_glob(f->globs, f->nglobs, path)) continue;
    set_rule(out, &f->base);
    out->file_rule = f;
    return;
  }
  set_default(out, AT_D_DENY, "default-deny-files");
}

int at_file_redirect_target(const at_file_rule *f, const char *path, char *out, size_t cap) {
  if (!f->redirect_to) return -1;
  size_t dir = strlen(f->redirect_to);
  while (dir > 0 && f->redirect_to[dir - 1] == '/') dir--;
  const char *slash = strrchr(path, '/');
  const char *tail = f->preserve_tree ? path : (slash ? slash : path);
  int n = snprintf(out, cap, "%.*s%s%s", (int)dir, f->redirect_to, tail[0] == '/' ? "" : "/", tail);
  return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static void lower_copy(char *dst, size_t cap, const char *src) {
  size_t i = 0;
  for (; src[i] && i + 1 < cap; i++) dst[i] = (char)tolower((unsigned char)src[i]);
  dst[i] = 0;
}

static int cmd_matches(const at_cmd_rule *c, const char *path, const char *base) {
  if (c->any_command) return 1;
  return any_str(c->full_paths, c->nfull, path) || any_glob(c->path_globs, c->npath_globs, path) ||
         any_str(c->names, c->nnames, base) || any_glob(c->name_globs, c->nname_globs, base);
}

static int args_match(const at_cmd_rule *c, const char *args) {
  if (c->nargs == 0) return 1;
  for (size_t i = 0; i < c->nargs; i++)
    if (c->args[i].ok && regexec(&c->args[i].re, args, 0, NULL, 0) == 0) return 1;
  return 0;
}

void at_decide_exec(const at_table *t, const char *path, const char *args, int depth, at_verdict *out) {
  char lpath[4096];
  lower_copy(lpath, sizeof(lpath), path);
  const char *slash = strrchr(lpath, '/');
  const char *base = slash ? slash + 1 : lpath;
  for (size_t i = 0; i < t->ncmd; i++) {
    const at_cmd_rule *c = &t->cmd[i];
    if (depth < c->min_depth || (c->max_depth >= 0 && depth > c->max_depth)) continue;
    if (!cmd_matches(c, lpath, base) || !args_match(c, args)) continue;
    set_rule(out, &c->base);
    out->cmd_rule = c;
    return;
  }
  set_default(out, AT_D_DENY, "default-deny-execve");
}

static int target_matches(const at_sig_rule *s, uint32_t rel, int pid, const char *comm) {
  const char *ty = s->target_type ? s->target_type : "";
  if (strcmp(ty, "self") == 0) return rel & AT_REL_SELF;
  if (strcmp(ty, "children") == 0) return rel & AT_REL_CHILD;
  if (strcmp(ty, "descendants") == 0) return rel & (AT_REL_CHILD | AT_REL_DESC);
  if (strcmp(ty, "siblings") == 0) return rel & AT_REL_SIBLING;
  if (strcmp(ty, "session") == 0) return rel & AT_REL_SESSION;
  if (strcmp(ty, "parent") == 0) return rel & AT_REL_PARENT;
  if (strcmp(ty, "external") == 0) return rel & AT_REL_EXTERNAL;
  if (strcmp(ty, "system") == 0) return rel & AT_REL_SYSTEM;
  if (strcmp(ty, "user") == 0) return 1;
  if (strcmp(ty, "process") == 0) return comm && s->pattern && at_glob_match_simple(s->pattern, comm);
  if (strcmp(ty, "pid_range") == 0) return (!s->has_min || pid >= s->min) && (!s->has_max || pid <= s->max);
  return 0;
}

void at_decide_signal(const at_table *t, int sig, uint32_t rel, int target_pid, const char *target_comm,
                      at_verdict *out) {
  for (size_t i = 0; i < t->nsig; i++) {
    const at_sig_rule *s = &t->sig[i];
    if (sig < 1 || sig > 63 || !(s->signals & (1ull << sig))) continue;
    if (!target_matches(s, rel, target_pid, target_comm)) continue;
    set_rule(out, &s->base);
    return;
  }
  set_default(out, AT_D_ALLOW, "default-allow-signals");
}
