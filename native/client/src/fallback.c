/* Hands the command line to the Node CLI: every verb and form the fast path does not serve. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"

/* $AGENTSH_CLI_JS, else agentsh.mjs next to this executable (a symlink to apps/daemon/bin/agentsh.mjs). */
static int cli_js(char *out, size_t n) {
  const char *env = getenv("AGENTSH_CLI_JS");
  if (env != NULL && env[0] != '\0') {
    return (size_t)snprintf(out, n, "%s", env) >= n ? -1 : 0;
  }
  char self[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0) return -1;
  self[len] = '\0';
  char *slash = strrchr(self, '/');
  if (slash == NULL) return -1;
  *slash = '\0';
  if ((size_t)snprintf(out, n, "%s/agentsh.mjs", self) >= n) return -1;
  return access(out, R_OK);
}

void at_exec_node_cli(int argc, char **argv) {
  char js[PATH_MAX];
  if (cli_js(js, sizeof js) < 0) {
    fprintf(stderr, "agentsh: cannot find the Node CLI (set AGENTSH_CLI_JS to apps/daemon/bin/agentsh.mjs)\n");
    exit(127);
  }
  char **args = calloc((size_t)argc + 2, sizeof(char *));
  if (args == NULL) exit(127);
  const char *node = getenv("AGENTSH_NODE");
  args[0] = (char *)(node != NULL ? node : "node");
  args[1] = js;
  for (int i = 1; i < argc; i++) args[i + 1] = argv[i];
  execvp(args[0], args);
  fprintf(stderr, "agentsh: cannot run %s: ", args[0]);
  perror(NULL);
  exit(127);
}
