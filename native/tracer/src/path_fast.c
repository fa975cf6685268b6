/* Path resolution without the component walk, used only when it is proven that no symlink is on
 * the way (the lexical path is then the canonical one). Paths with '..' and paths under /proc
 * (self, magic links) always take the walk. Three ways, cheapest first:
 *  1. the parent is a cached fixed directory (path_cache.h): only the leaf can be a symlink, so no
 *     syscall without follow and one lstat with it (whose result the caller may reuse; none for a
 *     leaf the table keeps from changing). A leaf symlink nobody can re-point (libfoo.so.1 ->
 *     libfoo.so.1.2.3, path_leaf.c) is followed here: one readlink the first time, none after;
 *  2. openat2(O_PATH, RESOLVE_NO_SYMLINKS): success, or ENOENT (the walk stops at the first missing
 *     component and appends the rest lexically), proves it in 2 syscalls (1 for ENOENT);
 *  3. without openat2 (gVisor): open(O_PATH) + readlink of the fd equal to the lexical path; for a
 *     missing leaf, the same on its parent after an lstat showed the leaf is no dangling symlink.
 * 2 and 3 teach the fixed-directory cache the parent directory. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "path.h"
#include "path_cache.h"

static struct stat leaf_st;
static char leaf_path[PATH_MAX];
static int leaf_state; /* 1: leaf_st holds the lstat of leaf_path (no symlink), -1: it does not exist */
static int have_openat2 = 1;
#define AT_FIXED_HOPS 8 /* fixed symlinks followed in a row before the walk takes over */

void at_path_leaf_clear(void) {
  leaf_path[0] = 0;
}

int at_path_leaf_stat(const char *path, struct stat *st) {
  if (!leaf_path[0] || strcmp(leaf_path, path) != 0) return 0;
  if (leaf_state > 0) *st = leaf_st;
  return leaf_state;
}

static int done(const char *lex, char *out, size_t cap) {
  int n = snprintf(out, cap, "%s", lex);
  return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* The result names nothing at all (not even a dangling symlink): stat() of it would fail. */
static int missing(const char *lex, char *out, size_t cap) {
  if (done(lex, out, cap) != 0) return -1;
  leaf_state = -1;
  memcpy(leaf_path, out, strlen(out) + 1);
  return 0;
}

/* The kernel's canonical path of dir equals dir (O_PATH + readlink of the fd). */
static int kernel_canonical(const char *p, int flags) {
  int fd = open(p, O_PATH | O_CLOEXEC | flags);
  if (fd < 0) return -errno;
  char link[64], canon[PATH_MAX];
  snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
  ssize_t len = readlink(link, canon, sizeof(canon) - 1);
  close(fd);
  if (len <= 0) return -1;
  canon[len] = 0;
  return strcmp(canon, p) == 0 ? 0 : -1;
}

static int fast(const char *base, const char *path, int follow, char *out, size_t cap, int hops);

/* lex's leaf is a symlink to target that no one can re-point: resolve the target instead. */
static int follow_fixed(const char *lex, const char *target, char *out, size_t cap, int hops) {
  if (hops >= AT_FIXED_HOPS) return -1;
  char dir[PATH_MAX];
  const char *slash = strrchr(lex, '/');
  size_t n = (size_t)(slash - lex);
  memcpy(dir, lex, n);
  dir[n] = 0;
  return fast(dir, target, 1, out, cap, hops + 1);
}

/* The lstat of lex's leaf (no syscall for a fixed one); a fixed symlink leaf is followed. */
static int by_fixed_parent(const char *lex, int follow, char *out, size_t cap, int hops) {
  if (!follow) return done(lex, out, cap);
  struct stat st;
  char target[PATH_MAX];
  int fixed = at_fixed_leaf(lex, &st, target, sizeof(target)); /* a fixed leaf needs no syscall at all */
  if (fixed == AT_FIXED_LINK) return follow_fixed(lex, target, out, cap, hops);
  if (!fixed) {
    if (lstat(lex, &st) != 0) return errno == ENOENT ? missing(lex, out, cap) : -1;
    if (S_ISLNK(st.st_mode)) {
      ssize_t len = readlink(lex, target, sizeof(target) - 1);
      if (len <= 0) return -1;
      target[len] = 0;
      return at_fixed_link_learn(lex, &st, target) ? follow_fixed(lex, target, out, cap, hops) : -1;
    }
    at_fixed_leaf_learn(lex, &st);
  }
  if (S_ISLNK(st.st_mode) || done(lex, out, cap) != 0) return -1;
  leaf_st = st;
  leaf_state = 1;
  memcpy(leaf_path, out, strlen(out) + 1);
  return 0;
}

static int by_openat2(const char *lex, int follow, char *out, size_t cap) {
  struct open_how how = {.flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW), .resolve = RESOLVE_NO_SYMLINKS};
  int fd = (int)syscall(SYS_openat2, AT_FDCWD, lex, &how, sizeof(how));
  if (fd >= 0) {
    close(fd);
    at_fixed_dir_learn(lex);
    return done(lex, out, cap);
  }
  if (errno == ENOENT) return missing(lex, out, cap); /* a dangling symlink would be ELOOP */
  if (errno == ENOSYS || errno == EINVAL || errno == E2BIG) have_openat2 = 0;
  return have_openat2 ? -1 : -2;
}

static int by_readlink(const char *lex, int follow, char *out, size_t cap) {
  int r = kernel_canonical(lex, follow ? 0 : O_NOFOLLOW);
  if (r == 0) {
    at_fixed_dir_learn(lex);
    return done(lex, out, cap);
  }
  struct stat st;
  const char *slash = strrchr(lex, '/');
  if (r != -ENOENT || !slash || slash == lex || lstat(lex, &st) == 0 || errno != ENOENT) return -1;
  char parent[PATH_MAX];
  memcpy(parent, lex, (size_t)(slash - lex));
  parent[slash - lex] = 0;
  if (kernel_canonical(parent, O_DIRECTORY) != 0) return -1;
  at_fixed_dir_learn(lex);
  return missing(lex, out, cap);
}

static int fast(const char *base, const char *path, int follow, char *out, size_t cap, int hops) {
  char lex[PATH_MAX];
  int abs = path[0] == '/';
  int n = snprintf(lex, sizeof(lex), "%s%s%s", abs ? "" : base, abs ? "" : "/", path);
  if (n <= 0 || (size_t)n >= sizeof(lex) || strstr(path, "..")) return -1;
  if (at_path_norm(lex) != 0) return -1;
  if (strncmp(lex, "/proc", 5) == 0 && (lex[5] == '/' || lex[5] == 0)) return -1;
  at_root_link_substitute(lex);
  char *slash = strrchr(lex, '/');
  if (slash && slash > lex && lex[1]) {
    *slash = 0;
    int fixed = at_fixed_dir(lex);
    *slash = '/';
    if (fixed) return by_fixed_parent(lex, follow, out, cap, hops);
  } else if (slash == lex && lex[1] && at_fixed_dir("/")) {
    return by_fixed_parent(lex, follow, out, cap, hops);
  }
  if (have_openat2) {
    int r = by_openat2(lex, follow, out, cap);
    if (r != -2) return r;
  }
  return by_readlink(lex, follow, out, cap);
}

int at_path_fast(const char *base, const char *path, int follow, char *out, size_t cap) {
  return fast(base, path, follow, out, cap, 0);
}
