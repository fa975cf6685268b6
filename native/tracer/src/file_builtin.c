/* Built-in refusals, whatever the policy says: writes to another process's memory through /proc,
 * the shared walk-fence file, kernel knobs that reach outside the sandbox, and raw devices. */
#include <stdio.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "file_builtin.h"
#include "table.h"
#include "xfence.h"

static int is_proc_mem(const char *p) {
  int a, b, n = 0;
  if (sscanf(p, "/proc/%d/mem%n", &a, &n) == 1 && p[n] == 0) return 1;
  n = 0;
  return sscanf(p, "/proc/%d/task/%d/mem%n", &a, &b, &n) == 2 && p[n] == 0;
}

/* Kernel knobs that reach outside the sandbox (core_pattern runs a program as root on the host,
 * cgroup v1 release_agent, sysrq): never writable, whatever the policy says. */
static int is_kernel_tunable(const char *p) {
  return strncmp(p, "/proc/sys/", 10) == 0 || strcmp(p, "/proc/sysrq-trigger") == 0 || strncmp(p, "/sys/", 5) == 0;
}

/* The shared walk-fence file: a tracee that could write it could make the helpers skip the fence. */
static int is_fence_file(const char *p) {
  const char *f = at_xfence_path();
  return f && p[0] && strcmp(p, f) == 0;
}

/* A directory above the fence file: renaming it away would make helpers started later map a new
 * file of their own, fenced from no one started before. */
static int is_fence_ancestor(const char *p) {
  const char *f = at_xfence_path();
  size_t n = strlen(p);
  return f && n && strncmp(f, p, n) == 0 && (f[n] == '/' || (n == 1 && p[0] == '/'));
}

const struct stat *at_stat_once(at_stat_once_t *s, const char *p) {
  if (!s->state) s->state = stat(p, &s->st) == 0 ? 1 : -1;
  return s->state > 0 ? &s->st : NULL;
}

/* Block devices (disks) and /dev/mem, /dev/kmem, /dev/port, wherever their node lives. */
static int is_raw_device(const struct stat *st) {
  if (!st) return 0;
  if (S_ISBLK(st->st_mode)) return 1;
  return S_ISCHR(st->st_mode) && major(st->st_rdev) == 1 &&
         (minor(st->st_rdev) == 1 || minor(st->st_rdev) == 2 || minor(st->st_rdev) == 4);
}

const char *at_file_builtin(const at_file_req *q, const char *p1, const char *p2, at_stat_once_t *s1) {
  if (q->is_open && q->op != AT_OP_OPEN && is_proc_mem(p1)) return "proc-mem-write";
  if (is_fence_file(p1) || is_fence_file(p2)) return "tracer-fence-file";
  if (q->op == AT_OP_RENAME && is_fence_ancestor(p1)) return "tracer-fence-file";
  if ((q->op == AT_OP_WRITE || q->op == AT_OP_CREATE) && is_kernel_tunable(p1)) return "kernel-tunable-write";
  if (q->is_open && is_raw_device(at_stat_once(s1, p1))) return "raw-device"; /* reads bypass file rules */
  return NULL;
}
