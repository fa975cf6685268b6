/* argv arrays written into the scratch area: exec redirects and pinned argv (args patterns). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "exec_argv.h"
#include "scratch.h"
#include "sysnr.h"

uint64_t at_exec_write_argv(at_tracee *t, const char *const *v, size_t n) {
  size_t bytes = 0;
  for (size_t i = 0; i < n; i++) bytes += strlen(v[i]) + 1;
  size_t total = (n + 1) * 8 + bytes;
  uint64_t base = at_scratch_argv_area(t);
  if (!base || total > AT_SCRATCH_ARGV_SIZE) return 0;
  char *buf = malloc(total);
  if (!buf) return 0;
  size_t off = (n + 1) * 8;
  for (size_t i = 0; i <= n; i++) {
    uint64_t ptr = i < n ? base + off : 0;
    memcpy(buf + i * 8, &ptr, 8);
    if (i < n) {
      memcpy(buf + off, v[i], strlen(v[i]) + 1);
      off += strlen(v[i]) + 1;
    }
  }
  uint64_t out = at_mem_write(t, base, buf, total) == 0 ? base : 0;
  free(buf);
  return out;
}

static uint64_t redirect_argv(at_tracee *t, const at_cmd_rule *c, char *const *argv, int argc) {
  size_t n = 1 + c->nredirect_args + (argc > 0 ? (size_t)argc - 1 : 0) + c->nredirect_append;
  const char **v = calloc(n + 1, sizeof(char *));
  if (!v) return 0;
  size_t k = 0;
  v[k++] = c->redirect_command;
  for (size_t i = 0; i < c->nredirect_args; i++) v[k++] = c->redirect_args[i];
  for (int i = 1; i < argc; i++) v[k++] = argv[i];
  for (size_t i = 0; i < c->nredirect_append; i++) v[k++] = c->redirect_append[i];
  uint64_t out = at_exec_write_argv(t, v, n);
  free(v);
  return out;
}

/* Points the filename (and argv) at the redirect target; execveat becomes a plain path exec. */
int at_exec_redirect(at_tracee *t, struct user_regs_struct *r, const at_cmd_rule *c, char *const *argv, int argc) {
  uint64_t addr = at_scratch_put(t, at_scratch_pair(t), c->redirect_command);
  uint64_t new_argv = redirect_argv(t, c, argv, argc);
  if (!addr || !new_argv) return -1;
  if (r->orig_rax == SYS_execveat) {
    at_set_arg(r, 0, (uint64_t)AT_FDCWD);
    at_set_arg(r, 1, addr);
    at_set_arg(r, 2, new_argv);
    at_set_arg(r, 4, 0);
  } else {
    at_set_arg(r, 0, addr);
    at_set_arg(r, 1, new_argv);
  }
  return at_regs_set(t->tid, r);
}
