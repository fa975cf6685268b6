/* Command-line parsing for the fast path: only the plain `exec SID -- CMD ...` form qualifies. */
#include <stdlib.h>
#include <string.h>

#include "client.h"

static const char *flag_value(int argc, char **argv, int *i, const char *name) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0) return NULL;
  if (argv[*i][n] == '=') return argv[*i] + n + 1;
  if (argv[*i][n] == '\0' && *i + 1 < argc) return argv[++*i];
  return NULL;
}

int at_parse_exec_args(int argc, char **argv, struct at_exec_args *out) {
  memset(out, 0, sizeof(*out));
  out->server = getenv("AGENTSH_SERVER");
  out->api_key = getenv("AGENTSH_API_KEY");
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; i++) {
    const char *v;
    if ((v = flag_value(argc, argv, &i, "--server")) != NULL) out->server = v;
    else if ((v = flag_value(argc, argv, &i, "--api-key")) != NULL) out->api_key = v;
    else return -1;
  }
  if (i >= argc || strcmp(argv[i], "exec") != 0) return -1;
  i++;
  if (i < argc && strcmp(argv[i], "--") == 0) {
    out->session = getenv("AGENTSH_SESSION_ID");
    i++;
  } else if (i + 1 < argc && argv[i][0] != '-' && strcmp(argv[i + 1], "--") == 0) {
    out->session = argv[i];
    i += 2;
  } else {
    return -1;
  }
  if (out->session == NULL || out->session[0] == '\0' || i >= argc) return -1;
  if (out->server == NULL) out->server = "http://127.0.0.1:18080";
  out->argv = argv + i;
  out->argc = argc - i;
  return 0;
}
