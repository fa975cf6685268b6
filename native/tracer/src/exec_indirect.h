#ifndef AT_EXEC_INDIRECT_H
#define AT_EXEC_INDIRECT_H

#include <stddef.h>

#include "session.h"

/* "#!/path/to/interp ..." -> interp, resolved for thread t. Returns 1 when path is a script. */
int at_exec_script_interp(const at_tracee *t, const char *path, char *out, size_t cap);
/* 1 when path names the dynamic loader (ld-linux*, ld.so*, ld-*). */
int at_exec_is_loader(const char *path);
/* The program ld.so would run: its first argument after ld.so's own options; NULL when none. */
const char *at_exec_loader_target(char *const *argv, int argc);

#endif
