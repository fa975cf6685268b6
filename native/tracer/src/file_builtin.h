#ifndef AT_FILE_BUILTIN_H
#define AT_FILE_BUILTIN_H

/* Refusals that hold whatever the policy says (file_builtin.c). */
#include <sys/stat.h>

#include "file_args.h"

/* stat() of the first path, once per stop: the resolver's lstat of it when it made one. */
typedef struct {
  int state; /* 0: not yet, 1: st holds it, -1: stat failed */
  struct stat st;
} at_stat_once_t;

const struct stat *at_stat_once(at_stat_once_t *s, const char *p);

/* The built-in rule that refuses this file syscall, or NULL. p2 is "" when there is no second path. */
const char *at_file_builtin(const at_file_req *q, const char *p1, const char *p2, at_stat_once_t *s1);

#endif
