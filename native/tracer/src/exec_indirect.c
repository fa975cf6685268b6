/* Programs run indirectly by an exec: the interpreter of a #! script, the program ld.so runs. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exec_indirect.h"
#include "path.h"
#include "path_cache.h"

/* The first line of a file: 1 and interp set for "#!interp ...", 0 for anything else, -1 when it
 * cannot be read. */
static int read_head(const char *path, char *interp, size_t cap) {
  char head[256];
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return -1;
  ssize_t n = read(fd, head, sizeof(head) - 1);
  close(fd);
  if (n < 0) return -1;
  if (n < 3 || head[0] != '#' || head[1] != '!') return 0;
  head[n] = 0;
  char *p = head + 2;
  while (*p == ' ' || *p == '\t') p++;
  char *e = p;
  while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
  *e = 0;
  snprintf(interp, cap, "%s", p);
  return 1;
}

/* The heads of files that cannot change under the current table (at_fixed_file: system binaries
 * under default.yaml), so an exec of one does not open and read it again. Direct-mapped. */
#define AT_HEADS 256

typedef struct {
  unsigned gen; /* at_sess.table_gen the entry is valid for (0: empty) */
  char path[256];
  char interp[128];
  int script;
} head_slot;

static head_slot heads[AT_HEADS];

static head_slot *head_slot_of(const char *path) {
  return &heads[at_path_hash(path, strlen(path)) % AT_HEADS];
}

/* "#!/path/to/interp ..." -> interp (resolved). Returns 1 when path is a script. */
int at_exec_script_interp(const at_tracee *t, const char *path, char *out, size_t cap) {
  char interp[PATH_MAX];
  head_slot *h = head_slot_of(path);
  int script;
  if (h->gen == at_sess.table_gen && strcmp(h->path, path) == 0) {
    script = h->script;
    snprintf(interp, sizeof(interp), "%s", h->interp);
  } else {
    struct stat st; /* the resolver's lstat of path, when it made one */
    script = read_head(path, interp, sizeof(interp));
    if (script >= 0 && strlen(path) < sizeof(h->path) && (!script || strlen(interp) < sizeof(h->interp)) &&
        at_path_leaf_stat(path, &st) == 1 && at_fixed_file(path, &st)) {
      h->gen = at_sess.table_gen;
      snprintf(h->path, sizeof(h->path), "%s", path);
      snprintf(h->interp, sizeof(h->interp), "%s", script ? interp : "");
      h->script = script;
    }
  }
  return script > 0 && at_path_resolve(t, AT_FDCWD, interp, 1, out, cap) == 0;
}

int at_exec_is_loader(const char *path) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  return strncmp(b, "ld-linux", 8) == 0 || strncmp(b, "ld.so", 5) == 0 || strncmp(b, "ld-", 3) == 0;
}

/* The program ld.so would run: the first argument after its options. NULL when none. */
const char *at_exec_loader_target(char *const *argv, int argc) {
  static const char *const with_value[] = {"--library-path", "--preload", "--audit", "--argv0",
                                           "--inhibit-rpath", "--glibc-hwcaps-prepend",
                                           "--glibc-hwcaps-mask", NULL};
  for (int i = 1; i < argc; i++) {
    if (strncmp(argv[i], "--", 2) != 0) return argv[i];
    for (int k = 0; with_value[k]; k++)
      if (strcmp(argv[i], with_value[k]) == 0) i++;
  }
  return NULL;
}

