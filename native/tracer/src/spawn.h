#ifndef AT_SPAWN_H
#define AT_SPAWN_H

#include <stdint.h>
#include <sys/types.h>

/* What the child reports on its error pipe before dying. */
#define AT_STAGE_FILTER 1
#define AT_STAGE_EXEC 2

typedef struct {
  int stage, err;
} at_spawn_error;

/* Forks the command: the child stops itself, is SEIZEd, installs no_new_privs and the prefilter for
 * `stop`, then execs path with argv (environment inherited). Returns the pid (>0) or -errno;
 * *err_fd receives the read end of the child's error pipe. */
pid_t at_spawn(const char *path, char *const *argv, uint32_t stop, int *err_fd);
/* Looks up a command name in PATH the way execvp would. Returns 0 and fills out, or -errno. */
int at_spawn_lookup(const char *cmd, char *out, size_t cap);

#endif
