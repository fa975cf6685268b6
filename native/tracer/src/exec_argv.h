#ifndef AT_EXEC_ARGV_H
#define AT_EXEC_ARGV_H

#include <stddef.h>
#include <stdint.h>

#include <sys/user.h>

#include "session.h"
#include "table.h"

/* Writes an argv array (n strings and the NULL terminator) into the process's scratch area and
 * returns its address, or 0 (no scratch area, too large, write failed). */
uint64_t at_exec_write_argv(at_tracee *t, const char *const *v, size_t n);

/* Points execve/execveat at the rule's redirect command with argv = command, args, the original
 * argv[1..], argsAppend (execveat becomes a plain path exec). 0 or -1. */
int at_exec_redirect(at_tracee *t, struct user_regs_struct *r, const at_cmd_rule *c, char *const *argv, int argc);

#endif
