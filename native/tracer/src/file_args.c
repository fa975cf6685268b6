/* Which arguments of a file syscall are paths and dirfds, which operation it is, whether the last
 * component is followed. */
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>

#include "file_args.h"
#include "sysnr.h"

#define AT_O_TMPFILE_BIT 020000000

static int open_op(int flags) {
  if (flags & (O_CREAT | AT_O_TMPFILE_BIT)) return AT_OP_CREATE;
  if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)) return AT_OP_WRITE;
  return AT_OP_OPEN;
}

/* O_CREAT|O_EXCL never follows a final symlink (the kernel fails with EEXIST): judge the link. */
static int open_follows(int flags) {
  return !(flags & O_NOFOLLOW) && (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
}

static void set(at_file_req *q, const char *name, int d, int p, int op, int follow) {
  q->name = name;
  q->dirfd_arg = d;
  q->path_arg = p;
  q->op = op;
  q->follow = follow;
}

static void set2(at_file_req *q, int d2, int p2) {
  q->dirfd2_arg = d2;
  q->path2_arg = p2;
}

int at_file_classify(at_tracee *t, const struct user_regs_struct *r, at_file_req *q) {
  memset(q, 0, sizeof(*q));
  set2(q, AT_ARG_NONE, AT_ARG_NONE);
  uint64_t a1 = at_arg(r, 1), a2 = at_arg(r, 2), a3 = at_arg(r, 3), a4 = at_arg(r, 4);
  switch (r->orig_rax) {
  case SYS_open: q->flags = (int)a1; set(q, "open", AT_ARG_NONE, 0, open_op((int)a1), open_follows((int)a1)); q->is_open = 1; return 0;
  case SYS_openat: q->flags = (int)a2; set(q, "openat", 0, 1, open_op((int)a2), open_follows((int)a2)); q->is_open = 1; return 0;
  case SYS_openat2: {
    struct open_how how = {0};
    if (a3 < sizeof(uint64_t) * 3 || at_mem_read(t, a2, &how, sizeof(how)) != sizeof(how)) return -2;
    if (how.resolve & RESOLVE_IN_ROOT) return -2;
    q->flags = (int)how.flags;
    set(q, "openat2", 0, 1, open_op((int)how.flags), open_follows((int)how.flags) && !(how.resolve & RESOLVE_NO_SYMLINKS));
    q->is_open = 1;
    return 0;
  }
  case SYS_creat: q->flags = O_CREAT | O_WRONLY | O_TRUNC; set(q, "creat", AT_ARG_NONE, 0, AT_OP_CREATE, 1); q->is_open = 1; return 0;
  case SYS_truncate: set(q, "truncate", AT_ARG_NONE, 0, AT_OP_WRITE, 1); return 0;
  case SYS_mknod: set(q, "mknod", AT_ARG_NONE, 0, AT_OP_CREATE, 0); return 0;
  case SYS_mknodat: set(q, "mknodat", 0, 1, AT_OP_CREATE, 0); return 0;
  case SYS_unlink: set(q, "unlink", AT_ARG_NONE, 0, AT_OP_DELETE, 0); return 0;
  case SYS_unlinkat: set(q, "unlinkat", 0, 1, (a2 & AT_REMOVEDIR) ? AT_OP_RMDIR : AT_OP_DELETE, 0); return 0;
  case SYS_rmdir: set(q, "rmdir", AT_ARG_NONE, 0, AT_OP_RMDIR, 0); return 0;
  case SYS_mkdir: set(q, "mkdir", AT_ARG_NONE, 0, AT_OP_MKDIR, 0); return 0;
  case SYS_mkdirat: set(q, "mkdirat", 0, 1, AT_OP_MKDIR, 0); return 0;
  case SYS_rename: set(q, "rename", AT_ARG_NONE, 0, AT_OP_RENAME, 0); set2(q, AT_ARG_NONE, 1); return 0;
  case SYS_renameat: set(q, "renameat", 0, 1, AT_OP_RENAME, 0); set2(q, 2, 3); return 0;
  case SYS_renameat2: set(q, "renameat2", 0, 1, AT_OP_RENAME, 0); set2(q, 2, 3); return 0;
  case SYS_link: set(q, "link", AT_ARG_NONE, 0, AT_OP_LINK, 0); set2(q, AT_ARG_NONE, 1); return 0;
  case SYS_linkat: set(q, "linkat", 0, 1, AT_OP_LINK, (a4 & AT_SYMLINK_FOLLOW) != 0); set2(q, 2, 3); return 0;
  case SYS_symlink: set(q, "symlink", AT_ARG_NONE, 1, AT_OP_SYMLINK, 0); return 0;
  case SYS_symlinkat: set(q, "symlinkat", 1, 2, AT_OP_SYMLINK, 0); return 0;
  case SYS_chmod: set(q, "chmod", AT_ARG_NONE, 0, AT_OP_CHMOD, 1); return 0;
  case SYS_fchmodat: set(q, "fchmodat", 0, 1, AT_OP_CHMOD, 1); return 0;
  case SYS_fchmodat2: set(q, "fchmodat2", 0, 1, AT_OP_CHMOD, !(a3 & AT_SYMLINK_NOFOLLOW)); return 0;
  case SYS_chown: set(q, "chown", AT_ARG_NONE, 0, AT_OP_CHOWN, 1); return 0;
  case SYS_lchown: set(q, "lchown", AT_ARG_NONE, 0, AT_OP_CHOWN, 0); return 0;
  case SYS_fchownat: set(q, "fchownat", 0, 1, AT_OP_CHOWN, !(a4 & AT_SYMLINK_NOFOLLOW)); return 0;
  default: return -1;
  }
}

