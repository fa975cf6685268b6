#ifndef AT_PATH_H
#define AT_PATH_H

#include <stddef.h>
#include <sys/stat.h>

#include "session.h"

/* The object has no file path (pipe, socket, memfd, deleted file); out holds a description. */
#define AT_PATH_ANON 1

/* Resolves path as thread t would see it to an absolute canonical path: relative to dirfd
 * (AT_FDCWD: the thread's cwd), '.' and '..' folded, symlinks followed component by component
 * (the last one only when follow), /proc/self and /proc/thread-self mapped to the tracee.
 * A missing component ends the walk; the rest is appended lexically.
 * Returns 0, AT_PATH_ANON, or -errno. */
int at_path_resolve(const at_tracee *t, int dirfd, const char *path, int follow, char *out, size_t cap);
#define AT_PATH_LINKS_KEPT 8

/* Symlinks the last at_path_resolve() followed (0 when the walk met none), and the path of the i-th
 * (NULL past AT_PATH_LINKS_KEPT). */
int at_path_links(void);
const char *at_path_link(int i);
/* The path of the tracee's open file descriptor fd (0, AT_PATH_ANON or -errno). */
int at_path_of_fd(const at_tracee *t, int fd, char *out, size_t cap);
/* Folds '//' and '/.' components of an absolute path in place (no '..' here); "/" stays "/". 0 or -1. */
int at_path_norm(char *p);

/* path_fast.c: resolution without a component walk, when the kernel or the fixed-directory cache
 * proves that no symlink is involved. base = the directory a relative path starts from ("" for
 * "/"). 0 with out set, or -1: walk instead. */
int at_path_fast(const char *base, const char *path, int follow, char *out, size_t cap);
/* What the last at_path_resolve() learnt about its result: 1 and *st set (its lstat, no symlink, so
 * it equals stat()), -1 (nothing exists there: stat() fails), 0 (nothing known). */
int at_path_leaf_stat(const char *path, struct stat *st);
void at_path_leaf_clear(void);

#endif
