/* Programs run indirectly by an exec: the interpreter of a #! script, the program ld.so runs. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "exec_indirect.h"
#include "path.h"

/* "#!/path/to/interp ..." -> interp (resolved). Returns 1 when path is a script. */
int at_exec_script_interp(const at_tracee *t, const char *path, char *out, size_t cap) {
  char head[256];
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return 0;
  ssize_t n = read(fd, head, sizeof(head) - 1);
  close(fd);
  if (n < 3 || head[0] != '#' || head[1] != '!') return 0;
  head[n] = 0;
  char *p = head + 2;
  while (*p == ' ' || *p == '\t') p++;
  char *e = p;
  while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
  *e = 0;
  return at_path_resolve(t, AT_FDCWD, p, 1, out, cap) == 0;
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

