/* Facts about single files under fixed directories (see path_cache.h): whether a regular file can
 * change at all (at_fixed_file) and the lstat of leaves that cannot be replaced (at_fixed_leaf). */
#include <string.h>
#include <sys/stat.h>

#include "path_cache.h"
#include "session.h"

#define AT_LEAVES 512
#define AT_LEAF_PATH 256

int at_fixed_file(const char *path, const struct stat *st) {
  static const int ops[] = {AT_OP_WRITE,   AT_OP_CREATE, AT_OP_DELETE, AT_OP_RENAME,
                            AT_OP_SYMLINK, AT_OP_LINK,   AT_OP_CHMOD,  AT_OP_CHOWN};
  const char *slash = strrchr(path, '/');
  if (!slash || (size_t)(slash - path) >= AT_LEAF_PATH || !S_ISREG(st->st_mode) || st->st_uid != 0 ||
      (st->st_mode & (S_IWGRP | S_IWOTH)))
    return 0;
  char dir[AT_LEAF_PATH];
  size_t n = slash == path ? 1 : (size_t)(slash - path);
  memcpy(dir, path, n);
  dir[n] = 0;
  return at_fixed_dir_root_only(dir) && at_policy_denies(path, ops, sizeof(ops) / sizeof(ops[0]));
}

/* Direct-mapped; entries that are not fixed are remembered too, so the policy runs once per path. */
typedef struct {
  unsigned gen; /* at_sess.table_gen (0: empty) */
  int fixed;
  char path[AT_LEAF_PATH];
  struct stat st;
} leaf_slot;

static leaf_slot leaves[AT_LEAVES];

static leaf_slot *leaf_of(const char *path) {
  unsigned h = 2166136261u;
  for (const char *c = path; *c; c++) h = (h ^ (unsigned char)*c) * 16777619u;
  return &leaves[h % AT_LEAVES];
}

int at_fixed_leaf(const char *path, struct stat *st) {
  leaf_slot *l = leaf_of(path);
  if (l->gen != at_sess.table_gen || !l->fixed || strcmp(l->path, path) != 0) return 0;
  *st = l->st;
  return 1;
}

void at_fixed_leaf_learn(const char *path, const struct stat *st) {
  static const int ops[] = {AT_OP_DELETE, AT_OP_RMDIR, AT_OP_RENAME, AT_OP_SYMLINK,
                            AT_OP_LINK,   AT_OP_CHMOD, AT_OP_CHOWN};
  leaf_slot *l = leaf_of(path);
  size_t len = strlen(path);
  const char *slash = strrchr(path, '/');
  if (S_ISLNK(st->st_mode) || len >= AT_LEAF_PATH || !slash) return;
  if (l->gen == at_sess.table_gen && strcmp(l->path, path) == 0) return; /* judged already */
  char dir[AT_LEAF_PATH];
  size_t n = slash == path ? 1 : (size_t)(slash - path);
  memcpy(dir, path, n);
  dir[n] = 0;
  l->gen = at_sess.table_gen;
  memcpy(l->path, path, len + 1);
  l->st = *st;
  l->fixed = at_fixed_dir_root_only(dir) && at_policy_denies(path, ops, sizeof(ops) / sizeof(ops[0]));
}
