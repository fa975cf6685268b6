/* Lines about the session itself: spawned, spawn errors, exit with rusage. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "out.h"
#include "report.h"
#include "session.h"
#include "spawn.h"

void at_report_spawned(void) {
  static at_json j;
  at_json_start(&j, "spawned");
  at_json_int(&j, "pid", at_sess.root);
  at_json_end(&j);
  at_out_push(&j, 1);
}

void at_report_spawn_error(int err_fd) {
  at_spawn_error e = {0, 0};
  if (read(err_fd, &e, sizeof(e)) != (ssize_t)sizeof(e)) return;
  static at_json j;
  at_json_start(&j, "error");
  at_json_str(&j, "stage", e.stage == AT_STAGE_FILTER ? "filter" : "exec");
  at_json_int(&j, "errno", e.err);
  at_json_str(&j, "message", strerror(e.err));
  at_json_end(&j);
  at_out_push(&j, 1);
}

void at_report_exit(int status, const struct rusage *ru) {
  static at_json j;
  char usage[256];
  snprintf(usage, sizeof(usage), "{\"userMs\":%ld,\"systemMs\":%ld,\"maxRssKb\":%ld}",
           ru->ru_utime.tv_sec * 1000 + ru->ru_utime.tv_usec / 1000,
           ru->ru_stime.tv_sec * 1000 + ru->ru_stime.tv_usec / 1000, ru->ru_maxrss);
  at_json_start(&j, "exit");
  if (WIFEXITED(status)) at_json_int(&j, "code", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) at_json_int(&j, "signal", WTERMSIG(status));
  at_json_raw(&j, "rusage", usage);
  at_json_int(&j, "stops", (long long)at_sess.stops);
  at_json_int(&j, "denies", (long long)at_sess.denies);
  at_json_int(&j, "ptraceStops", (long long)at_sess.ptrace_stops);
  at_json_end(&j);
  at_out_push(&j, 1);
}
