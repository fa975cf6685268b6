#ifndef AT_CLIENT_H
#define AT_CLIENT_H

#include <stddef.h>

/* What `agentsh [--server URL] [--api-key KEY] exec SID -- CMD ARGS...` asked for. */
struct at_exec_args {
  const char *server;   /* http://HOST:PORT, from --server or AGENTSH_SERVER */
  const char *api_key;  /* from --api-key or AGENTSH_API_KEY, may be NULL */
  const char *session;  /* SID, or AGENTSH_SESSION_ID */
  char **argv;          /* CMD ARGS..., NULL-terminated */
  int argc;
};

/* A growable byte buffer. */
struct at_buf {
  char *data;
  size_t len;
  size_t cap;
};

/* args.c: 0 when the fast path can serve this command line, -1 to hand it to the Node CLI. */
int at_parse_exec_args(int argc, char **argv, struct at_exec_args *out);

/* json.c: appends; return 0 or -1 on allocation failure. */
int at_buf_append(struct at_buf *b, const char *s, size_t n);
int at_buf_puts(struct at_buf *b, const char *s);
int at_json_string(struct at_buf *b, const char *s);
int at_exec_request_body(struct at_buf *b, char **argv);

/* http.c: connects to server, sends the request; returns the socket with the response headers
 * consumed, after checking for status 200. -1: no connection or another status (fall back). */
int at_http_exec(const struct at_exec_args *a, const struct at_buf *body);

/* frames.c: copies frames to stdout/stderr; returns the exit code, or -1 if the stream broke. */
int at_copy_frames(int sock);

/* fallback.c: replaces the process with `node <agentsh.mjs> <original argv>`. Never returns. */
void at_exec_node_cli(int argc, char **argv);

#endif
