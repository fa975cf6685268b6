/* agentsh-tracer: the helper process that owns all ptrace calls. */
#include <stdio.h>
#include <string.h>

#include "version.h"

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--version") == 0) {
    printf("agentsh-tracer protocol %d\n", AT_PROTOCOL_VERSION);
    return 0;
  }
  fprintf(stderr, "agentsh-tracer: usage: agentsh-tracer --version\n");
  return 2;
}
