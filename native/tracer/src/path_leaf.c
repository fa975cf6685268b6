/* Facts about single files under fixed directories (see path_cache.h): whether a regular file can
 * change at all (at_fixed_file), the lstat of leaves that cannot be replaced (at_fixed_leaf) and the
 * target of symlinks that cannot be re-pointed (at_fixed_leaf/at_fixed_link_learn: libfoo.so.1 ->
 * libfoo.so.1.2.3). */
#include <string.h>
#include <sys/stat.h>

#include "path_cache.h"
#include "session.h"

#define AT_LEAVES 512
#define AT_LEAF_PATH 256

/* The directory holding path is a cached fixed directory that only root may write. */
static int parent_root_only(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash || (size_t)(slash - path) >= AT_LEAF_PATH) return 0;
  char dir[AT_LEAF_PATH];
  size_t n = slash == path ? 1 : (size_t)(slash - path);
  memcpy(dir, path, n);
  dir[n] = 0;
  return at_fixed_dir_root_only(dir);
}

int at_fixed_file(const char *path, const struct stat *st) {
  static const int ops[] = {AT_OP_WRITE,   AT_OP_CREATE, AT_OP_DELETE, AT_OP_RENAME,
                            AT_OP_SYMLINK, AT_OP_LINK,   AT_OP_CHMOD,  AT_OP_CHOWN};
  if (!S_ISREG(st->st_mode) || st->st_uid != 0 || (st->st_mode & (S_IWGRP | S_IWOTH))) return 0;
  return parent_root_only(path) && at_policy_denies(path, ops, sizeof(ops) / sizeof(ops[0]));
}

/* Direct-mapped; entries that are not fixed are remembered too, so the policy runs once per path. */
typedef struct {
  unsigned gen; /* at_sess.table_gen (0: empty) */
  int fixed;
  char path[AT_LEAF_PATH];
  struct stat st;
  char link[AT_LEAF_PATH]; /* a symlink's target ("" for other files) */
} leaf_slot;

static leaf_slot leaves[AT_LEAVES];

static leaf_slot *leaf_of(const char *path) {
  return &leaves[at_path_hash(path, strlen(path)) % AT_LEAVES];
}

/* The slot of path when it was judged fixed under the current table, else NULL. */
static const leaf_slot *fixed_slot(const char *path) {
  const leaf_slot *l = leaf_of(path);
  return l->gen == at_sess.table_gen && l->fixed && strcmp(l->path, path) == 0 ? l : NULL;
}

int at_fixed_leaf(const char *path, struct stat *st, char *target, size_t cap) {
  const leaf_slot *l = fixed_slot(path);
  if (!l) return 0;
  if (!l->link[0]) {
    *st = l->st;
    return AT_FIXED_FILE;
  }
  size_t n = strlen(l->link);
  if (n >= cap) return 0;
  memcpy(target, l->link, n + 1);
  return AT_FIXED_LINK;
}

/* Fills the slot of path and judges it: the directory is fixed and root-only and the table keeps the
 * name from being removed, replaced, re-pointed, chmod'ed or chown'ed. */
static leaf_slot *judge(const char *path, const struct stat *st, const char *link) {
  static const int ops[] = {AT_OP_DELETE, AT_OP_RMDIR, AT_OP_RENAME, AT_OP_SYMLINK,
                            AT_OP_LINK,   AT_OP_CHMOD, AT_OP_CHOWN};
  leaf_slot *l = leaf_of(path);
  size_t len = strlen(path);
  if (len >= AT_LEAF_PATH || !strchr(path, '/') || strlen(link) >= AT_LEAF_PATH) return NULL;
  if (l->gen == at_sess.table_gen && strcmp(l->path, path) == 0) return l; /* judged already */
  l->gen = at_sess.table_gen;
  memcpy(l->path, path, len + 1);
  l->st = *st;
  memcpy(l->link, link, strlen(link) + 1);
  l->fixed = parent_root_only(path) && at_policy_denies(path, ops, sizeof(ops) / sizeof(ops[0]));
  return l;
}

void at_fixed_leaf_learn(const char *path, const struct stat *st) {
  if (!S_ISLNK(st->st_mode)) judge(path, st, "");
}

int at_fixed_link_learn(const char *path, const struct stat *st, const char *target) {
  if (!S_ISLNK(st->st_mode) || !target[0]) return 0;
  leaf_slot *l = judge(path, st, target);
  return l && l->fixed && strcmp(l->link, target) == 0;
}
