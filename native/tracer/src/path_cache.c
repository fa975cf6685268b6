/* Caches of fixed path prefixes (see path_cache.h): root symlinks and symlink-free directories. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "path.h"
#include "path_cache.h"

#define AT_ROOT_LINKS 16
#define AT_FIXED_SLOTS 1024 /* open addressing; filled to 3/4 at most */
#define AT_FIXED_PATH 256   /* longer directories are not cached */

/* The same answer as at_decide_file() per op (first rule listing the op whose glob matches wins;
 * none: deny), in one pass over the rules: each rule's globs are matched once for all the ops. */
int at_policy_denies(const char *path, const int *ops, size_t n) {
  const at_table *t = at_sess.table;
  if (!(t->stop & AT_STOP_FILE)) return 0; /* file syscalls run unjudged */
  uint32_t open = 0; /* ops no rule has decided yet */
  for (size_t k = 0; k < n; k++) open |= 1u << ops[k];
  for (size_t i = 0; i < t->nfile && open; i++) {
    const at_file_rule *f = &t->file[i];
    uint32_t hit = f->ops & open;
    if (!hit) continue;
    int match = 0;
    for (size_t g = 0; g < f->nglobs && !match; g++) match = at_glob_match(&f->globs[g], path);
    if (!match) continue;
    if (f->base.effective != AT_D_DENY) return 0;
    open &= ~hit;
  }
  return 1;
}

/* No tracee may remove, replace or re-point the name (chmod/chown: it stays root-only). */
static int policy_fixed(const char *path) {
  static const int ops[] = {AT_OP_DELETE, AT_OP_RMDIR, AT_OP_RENAME, AT_OP_SYMLINK,
                            AT_OP_LINK,   AT_OP_CHMOD, AT_OP_CHOWN};
  return at_policy_denies(path, ops, sizeof(ops) / sizeof(ops[0]));
}

/* Only root may add, remove or rename entries of this directory. */
static int root_only(const struct stat *st) {
  return S_ISDIR(st->st_mode) && st->st_uid == 0 && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

typedef struct {
  char name[NAME_MAX + 1];
  char target[PATH_MAX];
} root_link;

static root_link root_links[AT_ROOT_LINKS];
static int nroot_links;
static unsigned root_links_gen; /* at_sess.table_gen the cache was built for (0: never) */

void at_root_link_remember(const char *name, size_t len, const char *target) {
  if (root_links_gen != at_sess.table_gen) nroot_links = 0;
  root_links_gen = at_sess.table_gen;
  if (nroot_links >= AT_ROOT_LINKS || len > NAME_MAX || strstr(target, "..")) return;
  for (int i = 0; i < nroot_links; i++)
    if (strlen(root_links[i].name) == len && memcmp(root_links[i].name, name, len) == 0) return;
  char path[NAME_MAX + 2];
  snprintf(path, sizeof(path), "/%.*s", (int)len, name);
  struct stat root;
  if (!policy_fixed(path) || stat("/", &root) != 0 || !root_only(&root)) return;
  root_link *l = &root_links[nroot_links];
  memcpy(l->name, name, len);
  l->name[len] = 0;
  int n = snprintf(l->target, sizeof(l->target), "%s%s", target[0] == '/' ? "" : "/", target);
  if (n > 0 && (size_t)n < sizeof(l->target) && at_path_norm(l->target) == 0) nroot_links++;
}

void at_root_link_substitute(char *lex) {
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

typedef struct {
  char path[AT_FIXED_PATH]; /* "" = free slot */
  int fixed;                /* 0: known not to be fixed (not checked again under this table) */
  int root_only;            /* children of this directory are fixed by permissions too */
} fixed_slot;

static fixed_slot fixed[AT_FIXED_SLOTS];
static int nfixed;
static unsigned fixed_gen;
static int root_dir_ok = -1; /* "/" itself: root-owned and not writable by others (per table) */

static void fixed_reset(void) {
  if (fixed_gen == at_sess.table_gen) return;
  for (int i = 0; nfixed && i < AT_FIXED_SLOTS; i++) fixed[i].path[0] = 0; /* untouched pages stay so */
  nfixed = 0;
  root_dir_ok = -1;
  fixed_gen = at_sess.table_gen;
}

unsigned at_path_hash(const char *p, size_t len) {
  unsigned h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)p[i]) * 16777619u;
  return h;
}

static fixed_slot *slot_of(const char *p, size_t len) {
  unsigned h = at_path_hash(p, len);
  for (unsigned k = 0; k < AT_FIXED_SLOTS; k++) {
    fixed_slot *s = &fixed[(h + k) % AT_FIXED_SLOTS];
    if (!s->path[0] || (strncmp(s->path, p, len) == 0 && s->path[len] == 0)) return s;
  }
  return NULL;
}

static int root_ok(void) {
  if (root_dir_ok < 0) {
    struct stat st;
    root_dir_ok = stat("/", &st) == 0 && root_only(&st);
  }
  return root_dir_ok;
}

int at_fixed_dir(const char *dir) {
  fixed_reset();
  if (dir[0] == '/' && dir[1] == 0) return root_ok() && (at_sess.table->stop & AT_STOP_FILE);
  size_t len = strlen(dir);
  fixed_slot *s = len < AT_FIXED_PATH ? slot_of(dir, len) : NULL;
  return s && s->path[0] && s->fixed;
}

void at_fixed_dir_learn(const char *path) {
  fixed_reset();
  const char *last = strrchr(path, '/');
  if (!last || last == path || (size_t)(last - path) >= AT_FIXED_PATH || !root_ok()) return;
  int parent_ok = 1; /* "/" */
  for (const char *e = strchr(path + 1, '/'); e && e <= last; e = strchr(e + 1, '/')) {
    size_t len = (size_t)(e - path); /* the prefix path[0..len) */
    fixed_slot *s = slot_of(path, len);
    if (!s) return;
    if (s->path[0]) {
      if (!s->fixed) return;
      parent_ok = s->root_only;
      continue;
    }
    if (!parent_ok || nfixed >= AT_FIXED_SLOTS * 3 / 4) return;
    char prefix[AT_FIXED_PATH];
    memcpy(prefix, path, len);
    prefix[len] = 0;
    struct stat st;
    int ok = policy_fixed(prefix) && lstat(prefix, &st) == 0 && S_ISDIR(st.st_mode);
    memcpy(s->path, prefix, len + 1); /* remembered either way: the policy checks are not cheap */
    s->fixed = ok;
    s->root_only = ok && root_only(&st);
    nfixed++;
    if (!ok) return;
    parent_ok = s->root_only;
  }
}

int at_fixed_dir_root_only(const char *dir) {
  fixed_reset();
  if (dir[0] == '/' && dir[1] == 0) return root_ok();
  size_t len = strlen(dir);
  fixed_slot *s = len < AT_FIXED_PATH ? slot_of(dir, len) : NULL;
  return s && s->path[0] && s->fixed && s->root_only;
}
