#ifndef AT_REPORT_H
#define AT_REPORT_H

#include <sys/resource.h>

/* {"t":"spawned"}: the command's first execve succeeded under the prefilter. */
void at_report_spawned(void);
/* {"t":"error"}: why the command died before its first execve (read from the child's error pipe). */
void at_report_spawn_error(int err_fd);
/* {"t":"exit"}: the command's wait status, rusage and the session's stop counters. */
void at_report_exit(int status, const struct rusage *ru);

#endif
