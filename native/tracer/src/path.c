/* Path resolution from the tracee's point of view (cwd, dirfds, symlinks, /proc/self). */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"

#define AT_MAX_LINKS 40
#define AT_DELETED " (deleted)"

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int read_link(const char *p, char *out, size_t cap) {
  ssize_t n = readlink(p, out, cap - 1);
  if (n < 0) return -errno;
  out[n] = 0;
  return 0;
}

/* The target of a /proc magic link, classified. */
static int proc_link(const char *link, char *out, size_t cap) {
  int r = read_link(link, out, cap);
  if (r) return r;
  if (out[0] != '/' || ends_with(out, AT_DELETED)) return AT_PATH_ANON;
  return 0;
}

int at_path_of_fd(const at_tracee *t, int fd, char *out, size_t cap) {
  char link[64];
  if (fd == AT_FDCWD) snprintf(link, sizeof(link), "/proc/%d/cwd", t->tid);
  else snprintf(link, sizeof(link), "/proc/%d/fd/%d", t->tid, fd);
  return proc_link(link, out, cap);
}

/* Next component of *rest (skips slashes); returns its length, 0 at the end. */
static size_t next_comp(const char **rest, const char **comp) {
  const char *p = *rest;
  while (*p == '/') p++;
  const char *e = p;
  while (*e && *e != '/') e++;
  *comp = p;
  *rest = e;
  return (size_t)(e - p);
}

static int more_comps(const char *rest) {
  const char *c;
  while (next_comp(&rest, &c)) {
    if (!(rest - c == 1 && c[0] == '.')) return 1;
  }
  return 0;
}

static void pop(char *cur) {
  char *slash = strrchr(cur, '/');
  if (slash) *slash = 0;
}

static int append(char *cur, size_t cap, const char *comp, size_t len) {
  size_t n = strlen(cur);
  if (n + 1 + len + 1 > cap) return -ENAMETOOLONG;
  cur[n] = '/';
  memcpy(cur + n + 1, comp, len);
  cur[n + 1 + len] = 0;
  return 0;
}

/* Appends what is left of rest without touching the file system ('.' and '..' folded). */
static int append_lexical(char *cur, size_t cap, const char *rest) {
  const char *c;
  size_t len;
  while ((len = next_comp(&rest, &c))) {
    if (len == 1 && c[0] == '.') continue;
    if (len == 2 && c[0] == '.' && c[1] == '.') pop(cur);
    else if (append(cur, cap, c, len)) return -ENAMETOOLONG;
  }
  return 0;
}

/* Folds '//' and '/.' components of an absolute path in place (no '..' here); "/" stays "/". */
static int append_lexical_norm(char *p) {
  if (p[0] != '/') return -1;
  char out[PATH_MAX];
  size_t o = 0;
  const char *rest = p, *c;
  size_t len;
  while ((len = next_comp(&rest, &c))) {
    if (len == 1 && c[0] == '.') continue;
    if (o + 1 + len >= sizeof(out)) return -1;
    out[o++] = '/';
    memcpy(out + o, c, len);
    o += len;
  }
  if (o == 0) out[o++] = '/';
  out[o] = 0;
  memcpy(p, out, o + 1);
  return 0;
}

static void remember_root_link(const char *name, size_t len, const char *target);

static int in_proc_pid(const char *cur) {
  return strncmp(cur, "/proc/", 6) == 0 && cur[6] >= '0' && cur[6] <= '9';
}

typedef struct {
  const at_tracee *t;
  char cur[PATH_MAX];
  char rest[2 * PATH_MAX];
  int links;
  char link_paths[AT_PATH_LINKS_KEPT][PATH_MAX]; /* the first symlinks followed, for swap checks */
} walk;

/* Replaces w->rest with prefix + "/" + tail. */
static int splice_rest(walk *w, const char *prefix, const char *tail) {
  char tmp[2 * PATH_MAX];
  int n = snprintf(tmp, sizeof(tmp), "%s/%s", prefix, tail);
  if (n < 0 || (size_t)n >= sizeof(tmp)) return -ENAMETOOLONG;
  memcpy(w->rest, tmp, (size_t)n + 1);
  return 0;
}

static int step(walk *w, const char **restp, int follow, char *out, size_t cap) {
  const char *comp;
  size_t len = next_comp(restp, &comp);
  if (len == 1 && comp[0] == '.') return 0;
  if (len == 2 && comp[0] == '.' && comp[1] == '.') {
    pop(w->cur);
    return 0;
  }
  if (strcmp(w->cur, "/proc") == 0 && len == 4 && memcmp(comp, "self", 4) == 0) {
    char pid[32];
    snprintf(pid, sizeof(pid), "%d", w->t->tgid);
    return splice_rest(w, pid, *restp) ?: (*restp = w->rest, 0);
  }
  if (strcmp(w->cur, "/proc") == 0 && len == 11 && memcmp(comp, "thread-self", 11) == 0) {
    char pid[64];
    snprintf(pid, sizeof(pid), "%d/task/%d", w->t->tgid, w->t->tid);
    return splice_rest(w, pid, *restp) ?: (*restp = w->rest, 0);
  }
  int last = !more_comps(*restp);
  char cand[PATH_MAX];
  memcpy(cand, w->cur, strlen(w->cur) + 1);
  if (append(cand, sizeof(cand), comp, len)) return -ENAMETOOLONG;
  struct stat st;
  if ((!last || follow) && lstat(cand, &st) == 0 && S_ISLNK(st.st_mode)) {
    if (w->links < AT_PATH_LINKS_KEPT) memcpy(w->link_paths[w->links], cand, strlen(cand) + 1);
    if (++w->links > AT_MAX_LINKS) return -ELOOP;
    char target[PATH_MAX];
    int magic = in_proc_pid(w->cur);
    int r = magic ? proc_link(cand, target, sizeof(target)) : read_link(cand, target, sizeof(target));
    if (r < 0) return r;
    if (r == AT_PATH_ANON) {
      snprintf(out, cap, "%s", target[0] == '/' ? target : cand);
      return AT_PATH_ANON;
    }
    if (!w->cur[0]) remember_root_link(comp, len, target);
    if (target[0] == '/') w->cur[0] = 0;
    if (splice_rest(w, target, *restp)) return -ENAMETOOLONG;
    *restp = w->rest;
    return 0;
  }
  memcpy(w->cur, cand, strlen(cand) + 1);
  if (!last && lstat(cand, &st) != 0) { /* missing directory: the rest cannot exist */
    int r = append_lexical(w->cur, sizeof(w->cur), *restp);
    *restp = "";
    return r;
  }
  return 0;
}

static walk w;

/* One open(O_PATH) and a readlink of its fd give the kernel's own canonical path in 3 syscalls, where
 * the component walk needs one lstat per component (each walking from the root again: very costly
 * under gVisor). Used only when the answer proves no symlink was involved: the canonical path equals
 * the lexical one, the path has no '..', and it is not under /proc (whose self and magic links mean
 * something else to the tracer). Otherwise, or for a missing file, the walk decides. */
/* Symlinks directly under "/" (merged-/usr: /lib -> usr/lib, /bin, /sbin, /lib64) that no tracee
 * may re-point under the current table (delete, rename and symlink denied there). Their parent
 * cannot be renamed, so the mapping holds until the table changes; the fast path substitutes them
 * instead of walking. */
#define AT_ROOT_LINKS 16

typedef struct {
  char name[NAME_MAX + 1];
  char target[PATH_MAX];
} root_link;

static root_link root_links[AT_ROOT_LINKS];
static int nroot_links;
static unsigned root_links_gen; /* at_sess.table_gen the cache was built for (0: never) */

static int link_fixed(const char *path) {
  static const int ops[] = {AT_OP_DELETE, AT_OP_RENAME, AT_OP_SYMLINK};
  for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
    at_verdict v;
    at_decide_file(at_sess.table, path, ops[k], &v);
    if (v.effective != AT_D_DENY) return 0;
  }
  return 1;
}

static void remember_root_link(const char *name, size_t len, const char *target) {
  if (root_links_gen != at_sess.table_gen) nroot_links = 0;
  root_links_gen = at_sess.table_gen;
  if (nroot_links >= AT_ROOT_LINKS || len > NAME_MAX || strstr(target, "..")) return;
  for (int i = 0; i < nroot_links; i++)
    if (strlen(root_links[i].name) == len && memcmp(root_links[i].name, name, len) == 0) return;
  char path[NAME_MAX + 2];
  snprintf(path, sizeof(path), "/%.*s", (int)len, name);
  if (!link_fixed(path)) return;
  root_link *l = &root_links[nroot_links];
  memcpy(l->name, name, len);
  l->name[len] = 0;
  int n = snprintf(l->target, sizeof(l->target), "%s%s", target[0] == '/' ? "" : "/", target);
  if (n > 0 && (size_t)n < sizeof(l->target) && append_lexical_norm(l->target) == 0) nroot_links++;
}

/* lex with a fixed root symlink in its first component replaced by its target (in place). */
static void substitute_root_link(char *lex) {
  if (root_links_gen != at_sess.table_gen) return;
  for (int i = 0; i < nroot_links; i++) {
    size_t n = strlen(root_links[i].name);
    if (strncmp(lex + 1, root_links[i].name, n) != 0 || lex[1 + n] != '/') continue;
    char tmp[PATH_MAX];
    int k = snprintf(tmp, sizeof(tmp), "%s%s", root_links[i].target, lex + 1 + n);
    if (k > 0 && (size_t)k < sizeof(tmp)) memcpy(lex, tmp, (size_t)k + 1);
    return;
  }
}

/* A missing leaf (an import probe, say): canonical parent + the name, when the leaf is no dangling
 * symlink and the parent resolves without symlinks. */
static int fast_missing(const char *lex, char *out, size_t cap) {
  struct stat st;
  const char *slash = strrchr(lex, '/');
  if (!slash || slash == lex || lstat(lex, &st) == 0 || errno != ENOENT) return -1;
  char parent[PATH_MAX];
  memcpy(parent, lex, (size_t)(slash - lex));
  parent[slash - lex] = 0;
  int fd = open(parent, O_PATH | O_CLOEXEC | O_DIRECTORY);
  if (fd < 0) return -1;
  char link[64], canon[PATH_MAX];
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  ssize_t len = readlink(link, canon, sizeof(canon) - 1);
  close(fd);
  if (len <= 0) return -1;
  canon[len] = 0;
  if (strcmp(canon, parent) != 0) return -1;
  int n = snprintf(out, cap, "%s", lex);
  return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static int fast_resolve(const char *path, int follow, char *out, size_t cap) {
  char lex[PATH_MAX];
  int n = snprintf(lex, sizeof(lex), "%s%s%s", path[0] == '/' ? "" : w.cur, path[0] == '/' ? "" : "/", path);
  if (n <= 0 || (size_t)n >= sizeof(lex) || strstr(path, "..")) return -1;
  if (append_lexical_norm(lex) != 0) return -1;
  if (strncmp(lex, "/proc", 5) == 0 && (lex[5] == '/' || lex[5] == 0)) return -1;
  substitute_root_link(lex);
  int fd = open(lex, O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW));
  if (fd < 0) return errno == ENOENT ? fast_missing(lex, out, cap) : -1;
  char link[64];
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  ssize_t len = readlink(link, out, cap - 1);
  close(fd);
  if (len <= 0) return -1;
  out[len] = 0;
  return strcmp(out, lex) == 0 ? 0 : -1;
}

int at_path_links(void) {
  return w.links;
}

const char *at_path_link(int i) {
  return i >= 0 && i < w.links && i < AT_PATH_LINKS_KEPT ? w.link_paths[i] : NULL;
}

int at_path_resolve(const at_tracee *t, int dirfd, const char *path, int follow, char *out, size_t cap) {
  w.t = t;
  w.links = 0;
  w.cur[0] = 0;
  if (!path[0]) return -ENOENT;
  if (path[0] != '/') {
    int r = at_path_of_fd(t, dirfd, w.cur, sizeof(w.cur));
    if (r) {
      if (r == AT_PATH_ANON) snprintf(out, cap, "%s", w.cur);
      return r < 0 ? r : -ENOTDIR;
    }
    if (strcmp(w.cur, "/") == 0) w.cur[0] = 0;
  }
  if (strlen(path) >= sizeof(w.rest)) return -ENAMETOOLONG;
  if (fast_resolve(path, follow, out, cap) == 0) return 0;
  memcpy(w.rest, path, strlen(path) + 1);
  const char *rest = w.rest;
  while (*rest) {
    int r = step(&w, &rest, follow, out, cap);
    if (r) return r;
    while (*rest == '/') rest++;
  }
  int n = snprintf(out, cap, "%s", w.cur[0] ? w.cur : "/");
  return n < 0 || (size_t)n >= cap ? -ENAMETOOLONG : 0;
}
