/* agentsh-tracer: the helper process that owns all ptrace calls.
 *   agentsh-tracer --version
 *   agentsh-tracer probe
 *   agentsh-tracer run [--names] [--quarantine DIR] [--approval-timeout MS] [--dns IP:PORT] [--dns6 [IP]:PORT] -- CMD...
 * --dns/--dns6: the session DNS proxy; every port-53 destination is rewritten to it.
 * --names: a NAMES frame (IP -> names) follows the table and is loaded before the command starts.
 * --fence FILE: the walk fence is shared with every helper given the same file (xfence.c).
 * `run` talks to the addon side over fd 3: control frames in (first one: the policy table),
 * JSON lines out. stdin/stdout/stderr are the command's. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "ctl.h"
#include "loop.h"
#include "out.h"
#include "probe.h"
#include "spawn.h"
#include "stops.h"
#include "version.h"
#include "xfence.h"

#define AT_CTL_FD 3

at_session at_sess;

static int fail(const char *stage, int err, const char *message) {
  static at_json j;
  at_json_start(&j, "error");
  at_json_str(&j, "stage", stage);
  at_json_int(&j, "errno", err);
  at_json_str(&j, "message", message);
  at_json_end(&j);
  at_out_push(&j, 1);
  at_out_flush(1);
  return 3;
}

/* "1.2.3.4:53" or "[::1]:53" into the session's DNS listener. 0 or -1. */
static int parse_dns(const char *s, int v6) {
  char host[64];
  const char *colon = strrchr(s, ':');
  if (!colon || colon == s) return -1;
  const char *h = s;
  size_t n = (size_t)(colon - s);
  if (v6 && h[0] == '[' && n >= 2 && h[n - 1] == ']') {
    h++;
    n -= 2;
  }
  if (n >= sizeof(host)) return -1;
  memcpy(host, h, n);
  host[n] = 0;
  char *end;
  unsigned long port = strtoul(colon + 1, &end, 10);
  if (*end || port == 0 || port > 65535) return -1;
  if (v6) {
    at_sess.dns6.sin6_family = AF_INET6;
    at_sess.dns6.sin6_port = htons((uint16_t)port);
    return inet_pton(AF_INET6, host, &at_sess.dns6.sin6_addr) == 1 ? 0 : -1;
  }
  at_sess.dns4.sin_family = AF_INET;
  at_sess.dns4.sin_port = htons((uint16_t)port);
  return inet_pton(AF_INET, host, &at_sess.dns4.sin_addr) == 1 ? 0 : -1;
}

static int run(int argc, char **argv) {
  at_sess.approval_timeout_ms = 30000;
  int i = 2, await_names = 0;
  const char *fence = NULL;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "--names") == 0) await_names = 1; /* a NAMES frame follows the table */
    else if (strcmp(argv[i], "--quarantine") == 0 && i + 1 < argc) at_sess.quarantine = argv[++i];
    else if (strcmp(argv[i], "--fence") == 0 && i + 1 < argc) fence = argv[++i];
    else if (strcmp(argv[i], "--approval-timeout") == 0 && i + 1 < argc)
      at_sess.approval_timeout_ms = (uint32_t)strtoul(argv[++i], NULL, 10);
    else if ((strcmp(argv[i], "--dns") == 0 || strcmp(argv[i], "--dns6") == 0) && i + 1 < argc) {
      int v6 = argv[i][5] == '6';
      if (parse_dns(argv[++i], v6) != 0) {
        fprintf(stderr, "agentsh-tracer: bad %s address '%s'\n", v6 ? "--dns6" : "--dns", argv[i]);
        return 2;
      }
    }
  }
  if (i + 1 >= argc) {
    fprintf(stderr, "agentsh-tracer: run needs -- CMD\n");
    return 2;
  }
  char **cmd = argv + i + 1;
  /* exec stops allocate and free 64 KiB argv buffers: keep the heap instead of a brk pair per exec */
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  signal(SIGPIPE, SIG_IGN);
  at_sess.ctl_fd = AT_CTL_FD;
  if (fcntl(AT_CTL_FD, F_SETFD, FD_CLOEXEC) != 0) {
    fprintf(stderr, "agentsh-tracer: fd 3 (control socket) is not open\n");
    return 2;
  }
  at_out_init(AT_CTL_FD);
  if (at_ctl_read_initial(AT_CTL_FD) != 0 || !at_sess.table) return fail("table", 0, "bad or missing policy table");
  if (await_names && at_ctl_read_names(AT_CTL_FD) != 0) return fail("table", 0, "bad or missing names frame");
  if (fence) { /* asked for: no command runs without it */
    int fr = at_xfence_open(fence);
    if (fr < 0) return fail("fence", -fr, "cannot map the shared walk-fence file");
  }
  char path[4096];
  int r = at_spawn_lookup(cmd[0], path, sizeof(path));
  if (r < 0) return fail("lookup", -r, "command not found");
  int err_fd = -1;
  at_sess.filter_stop = at_sess.table->stop;
  if (at_sess.dns4.sin_port || at_sess.dns6.sin6_port) at_sess.filter_stop |= AT_STOP_NETWORK | AT_STOP_DNS_STEER;
  pid_t pid = at_spawn(path, cmd, at_sess.filter_stop, &err_fd);
  if (pid < 0) return fail("seize", (int)-pid, "cannot start the traced child");
  at_sess.root = pid;
  at_tracee *t = at_tracee_add(pid);
  if (t) t->ppid = getpid();
  int code = at_loop_run(err_fd);
  at_xfence_close();
  if (isatty(STDIN_FILENO)) { /* give the terminal back to our own process group */
    signal(SIGTTOU, SIG_IGN);
    tcsetpgrp(STDIN_FILENO, getpgrp());
  }
  return code;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--version") == 0) {
    printf("agentsh-tracer protocol %d\n", AT_PROTOCOL_VERSION);
    return 0;
  }
  if (argc > 1 && strcmp(argv[1], "probe") == 0) return at_probe_main();
  if (argc > 1 && strcmp(argv[1], "run") == 0) return run(argc, argv);
  fprintf(stderr, "agentsh-tracer: usage: agentsh-tracer --version | probe | run [opts] -- CMD...\n");
  return 2;
}
