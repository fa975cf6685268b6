#ifndef AT_PATH_CACHE_H
#define AT_PATH_CACHE_H

/* Path prefixes that cannot change while the current table is installed, so the path resolver
 * need not look at them again: symlinks directly under "/" (/lib -> usr/lib) and symlink-free
 * directories. "Fixed" means: the table decides file syscalls and denies delete, rmdir, rename,
 * symlink, link, chmod and chown at the name and at every ancestor (no tracee can remove, replace or re-point
 * it), and every directory holding one of those names is owned by root and not writable by group
 * or others (no unprivileged process outside the session can either). Both caches are dropped
 * when the table changes. */
#include <stddef.h>
#include <sys/stat.h>

/* name (len bytes, a direct child of "/") is a symlink to target: remember it if it is fixed. */
void at_root_link_remember(const char *name, size_t len, const char *target);
/* Replaces a fixed root symlink in the first component of the absolute path lex (in place). */
void at_root_link_substitute(char *lex);

/* 1 when dir (absolute, canonical, no trailing slash; "/" included) is a known fixed directory
 * whose path has no symlink. */
int at_fixed_dir(const char *dir);
/* path (absolute) was just resolved by the kernel without meeting a symlink: remember its parent
 * directory and the parent's ancestors that are fixed. */
void at_fixed_dir_learn(const char *path);
/* 1 when dir is a cached fixed directory that only root may write (its entries are fixed by
 * permissions too); "/" included. */
int at_fixed_dir_root_only(const char *dir);
/* FNV-1a of the first len bytes of p: the slot hash of the path caches. */
unsigned at_path_hash(const char *p, size_t len);
/* The table decides file syscalls and denies each of the n operations at path. */
int at_policy_denies(const char *path, const int *ops, size_t n);

/* path_leaf.c */
/* 1 when the regular file at path (st: its lstat) cannot change under the current table: its
 * directory is fixed and root-only, the file is root's and not writable by others, and the table
 * denies write, create, delete, rename, symlink, link, chmod and chown at path. */
int at_fixed_file(const char *path, const struct stat *st);
/* A leaf of a fixed root-only directory that the table keeps from being removed, replaced,
 * re-pointed, chmod'ed or chown'ed, as taught by at_fixed_leaf_learn() or at_fixed_link_learn():
 * AT_FIXED_FILE with its lstat in *st, AT_FIXED_LINK (a symlink) with its target copied to target
 * (at most cap bytes), or 0 (not known to be fixed). */
#define AT_FIXED_FILE 1
#define AT_FIXED_LINK 2
int at_fixed_leaf(const char *path, struct stat *st, char *target, size_t cap);
void at_fixed_leaf_learn(const char *path, const struct stat *st);
/* Remembers the symlink at path (st: its lstat) with target; 1 when it is fixed. */
int at_fixed_link_learn(const char *path, const struct stat *st, const char *target);

#endif
