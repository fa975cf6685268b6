/* agentsh (native launcher): `agentsh exec SID -- CMD ARGS...` without starting Node; any other
 * command line, and any answer other than a frame stream, goes to the Node CLI unchanged. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "client.h"

int main(int argc, char **argv) {
  struct at_exec_args a;
  if (at_parse_exec_args(argc, argv, &a) < 0) at_exec_node_cli(argc, argv);
  struct at_buf body = {0};
  if (at_exec_request_body(&body, a.argv) < 0) at_exec_node_cli(argc, argv);
  int sock = at_http_exec(&a, &body);
  free(body.data);
  if (sock < 0) at_exec_node_cli(argc, argv);
  int code = at_copy_frames(sock);
  close(sock);
  if (code < 0) {
    fprintf(stderr, "agentsh: connection to the server broke while the command ran\n");
    return 1;
  }
  return code;
}
