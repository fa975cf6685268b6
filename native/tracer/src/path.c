/* Path resolution from the tracee's point of view (cwd, dirfds, symlinks, /proc/self). */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "path.h"
#include "path_cache.h"

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

int at_path_norm(char *p) {
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
  int exists = -1; /* -1: not looked at, else the lstat result */
  if (!last || follow) exists = lstat(cand, &st) == 0;
  if (exists == 1 && S_ISLNK(st.st_mode)) {
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
    if (!w->cur[0]) at_root_link_remember(comp, len, target);
    if (target[0] == '/') w->cur[0] = 0;
    if (splice_rest(w, target, *restp)) return -ENAMETOOLONG;
    *restp = w->rest;
    return 0;
  }
  memcpy(w->cur, cand, strlen(cand) + 1);
  if (!last && !exists) { /* missing directory: the rest cannot exist */
    int r = append_lexical(w->cur, sizeof(w->cur), *restp);
    *restp = "";
    return r;
  }
  return 0;
}

static walk w;

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
  at_path_leaf_clear();
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
  if (at_path_fast(w.cur, path, follow, out, cap) == 0) return 0;
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
