#ifndef AT_FILE_ARGS_H
#define AT_FILE_ARGS_H

#include <sys/user.h>

#include "session.h"

#define AT_ARG_NONE -1

typedef struct {
  const char *name;
  int dirfd_arg, path_arg, dirfd2_arg, path2_arg; /* argument numbers, AT_ARG_NONE when absent */
  int op, follow, is_open;
  int flags; /* open flags, when is_open */
} at_file_req;

/* Fills q from the syscall at a seccomp stop. Returns 0, -1 for a syscall that is not a file
 * syscall, -2 for one that must be refused (unreadable open_how, RESOLVE_IN_ROOT). */
int at_file_classify(at_tracee *t, const struct user_regs_struct *r, at_file_req *q);

#endif
