/* Starting the traced command with no untraced window: fork, the child waits on a pipe, the helper
 * SEIZEs it with EXITKILL and the tracing options and writes one byte, the child sets no_new_privs,
 * installs the prefilter and execs. If the filter cannot be installed the child dies before exec. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "filter.h"
#include "loop.h"
#include "spawn.h"

extern char **environ;

static void child_fail(int fd, int stage, int err) {
  at_spawn_error e = {stage, err};
  if (write(fd, &e, sizeof(e)) < 0) _exit(127);
  _exit(stage == AT_STAGE_EXEC && err == ENOENT ? 127 : 126);
}

/* The command gets its own process group (kill(0) and job-control signals stay inside the session)
 * and, on a terminal, becomes its foreground group. */
static void own_group(void) {
  setpgid(0, 0);
  if (isatty(STDIN_FILENO)) {
    signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(STDIN_FILENO, getpid());
    signal(SIGTTOU, SIG_DFL);
  }
}

static void child(const char *path, char *const *argv, const at_filter_opts *opts, int err_wr, int go_rd) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  signal(SIGPIPE, SIG_DFL);
  own_group();
  char go = 0;
  ssize_t n;
  do n = read(go_rd, &go, 1); /* the helper SEIZEs us, then writes one byte */
  while (n < 0 && errno == EINTR);
  if (n != 1) _exit(127); /* the helper could not trace us */
  close(go_rd);
  /* Test hook: AGENTSH_TRACER_FAULT=filter makes the install fail (it can only make spawning fail). */
  const char *fault = getenv("AGENTSH_TRACER_FAULT");
  int err = fault && strcmp(fault, "filter") == 0 ? EINVAL : at_filter_install(opts);
  if (err) child_fail(err_wr, AT_STAGE_FILTER, err);
  execve(path, argv, environ);
  child_fail(err_wr, AT_STAGE_EXEC, errno);
}

static void protect(at_filter_opts *o, pid_t pid) {
  if (pid <= 1 || o->nprotect >= AT_FILTER_MAX_PROTECT) return;
  for (int i = 0; i < o->nprotect; i++)
    if (o->protect[i] == pid) return;
  o->protect[o->nprotect++] = pid;
}

pid_t at_spawn(const char *path, char *const *argv, uint32_t stop, int *err_fd) {
  /* Tracees may not signal, pidfd_open or read the helper, Node (its parent) or their group. */
  at_filter_opts opts = {.stop = stop, .nprotect = 0};
  protect(&opts, getpid());
  protect(&opts, getppid());
  protect(&opts, getpgrp());
  int p[2], go[2];
  if (pipe2(p, O_CLOEXEC) != 0) return -errno;
  if (pipe2(go, O_CLOEXEC) != 0) {
    int e = errno;
    close(p[0]);
    close(p[1]);
    return -e;
  }
  pid_t pid = fork();
  if (pid < 0) {
    int e = errno;
    close(p[0]);
    close(p[1]);
    close(go[0]);
    close(go[1]);
    return -e;
  }
  if (pid == 0) {
    close(p[0]);
    close(go[1]);
    child(path, argv, &opts, p[1], go[0]);
  }
  close(p[1]);
  close(go[0]);
  /* The child waits in read() until it is traced: no stop, no SIGCONT, no startup stops to handle. */
  int st, e = 0;
  if (ptrace(PTRACE_SEIZE, pid, 0, (void *)(long)AT_PTRACE_OPTIONS) != 0) e = errno ? errno : ECHILD;
  else if (write(go[1], "g", 1) != 1) e = errno ? errno : EPIPE;
  close(go[1]);
  if (!e) {
    *err_fd = p[0];
    return pid;
  }
  kill(pid, SIGKILL);
  waitpid(pid, &st, __WALL);
  close(p[0]);
  return -e;
}

int at_spawn_lookup(const char *cmd, char *out, size_t cap) {
  if (strchr(cmd, '/')) {
    snprintf(out, cap, "%s", cmd);
    return 0;
  }
  const char *path = getenv("PATH");
  if (!path) path = "/usr/local/bin:/usr/bin:/bin";
  int last = -ENOENT;
  while (*path) {
    const char *end = strchr(path, ':');
    size_t n = end ? (size_t)(end - path) : strlen(path);
    int w = snprintf(out, cap, "%.*s/%s", (int)n, n ? path : ".", cmd);
    if (w > 0 && (size_t)w < cap) {
      if (access(out, X_OK) == 0) return 0;
      if (errno == EACCES) last = -EACCES;
    }
    path += n + (end ? 1 : 0);
  }
  return last;
}
