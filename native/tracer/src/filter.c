/* The seccomp-BPF prefilter: RET_TRACE for syscalls that need a decision, RET_ERRNO for the
 * always-forbidden ones (escape routes), RET_ALLOW for everything else. Hand-written cBPF: no
 * libseccomp (gVisor rejects its probes). Non-x86_64 arches (int 0x80) and x32 numbers are refused. */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bpf_prog.h"
#include "filter.h"
#include "sysnr.h"
#include "table.h"

#define AT_X32_BIT 0x40000000u
#define AT_O_TMPFILE_BIT 020000000u
#define AT_WRITE_OPEN_MASK (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | AT_O_TMPFILE_BIT)
#define AT_CLONE_DENY_MASK (CLONE_UNTRACED | CLONE_NEWNS | CLONE_NEWUSER)
#define AT_UNSHARE_DENY_MASK (CLONE_NEWNS | CLONE_NEWUSER)

static const unsigned deny_eperm[] = {
    SYS_ptrace,       SYS_process_vm_writev, SYS_io_uring_setup, SYS_io_uring_enter,  SYS_io_uring_register,
    SYS_open_by_handle_at, SYS_setns,        SYS_mount,          SYS_umount2,         SYS_open_tree,
    SYS_move_mount,   SYS_fsopen,            SYS_fsconfig,       SYS_fsmount,         SYS_fspick,
    SYS_pivot_root,   SYS_chroot,            SYS_mount_setattr,  SYS_kexec_load,      SYS_kexec_file_load,
    SYS_bpf,          SYS_init_module,       SYS_finit_module,   SYS_delete_module,   SYS_userfaultfd,
    /* host administration an agent never needs */
    SYS_reboot,       SYS_swapon,            SYS_swapoff,        SYS_sethostname,     SYS_setdomainname,
    SYS_settimeofday, SYS_clock_settime,     SYS_clock_adjtime,  SYS_acct,            SYS_iopl,
    SYS_ioperm,
};

static const unsigned file_traced[] = {
    SYS_openat2, SYS_creat,     SYS_unlink,    SYS_unlinkat, SYS_rename,   SYS_renameat,  SYS_renameat2,
    SYS_mkdir,   SYS_mkdirat,   SYS_rmdir,     SYS_link,     SYS_linkat,   SYS_symlink,   SYS_symlinkat,
    SYS_chmod,   SYS_fchmodat,  SYS_fchmodat2, SYS_chown,    SYS_lchown,   SYS_fchownat,  SYS_truncate,
    SYS_mknod,   SYS_mknodat,
};

static const unsigned signal_traced[] = {SYS_kill, SYS_tkill, SYS_tgkill, SYS_rt_sigqueueinfo,
                                         SYS_rt_tgsigqueueinfo};

/* Syscalls whose first argument is a pid (or -pgid); the guard refuses the protected pids. */
static const unsigned pid_targeted[] = {SYS_kill,         SYS_tkill,         SYS_tgkill,   SYS_rt_sigqueueinfo,
                                        SYS_rt_tgsigqueueinfo, SYS_pidfd_open, SYS_process_vm_readv};

/* if (A == nr) { A = args[0]; refuse protected pids, their groups and kill(-1); then goto rest } */
static void pid_guard(prog *p, unsigned nr, const at_filter_opts *o, int rest) {
  unsigned n = 0;
  unsigned vals[2 * AT_FILTER_MAX_PROTECT + 1];
  for (int i = 0; i < o->nprotect && i < AT_FILTER_MAX_PROTECT; i++) {
    vals[n++] = (unsigned)o->protect[i];
    vals[n++] = (unsigned)-o->protect[i];
  }
  if (nr == SYS_kill) vals[n++] = (unsigned)-1; /* kill(-1): every process we may signal */
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, (unsigned char)(n + 2)), 0, 0);
  load_arg_lo(p, 0);
  for (unsigned i = 0; i < n; i++) emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, vals[i], 0, 0), T_EPERM, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0), rest, rest); /* goto rest */
}

/* clone: refuse CLONE_UNTRACED and new mount/user namespaces; and a child that shares the cwd or the
 * fd table (CLONE_FS, CLONE_FILES) without sharing memory: its parent could chdir or re-point an fd
 * between the check of a relative path and the kernel's walk, and nothing would pin it (a CLONE_VM
 * child counts as sharing memory, so its syscalls run on pinned absolute paths). No libc does this. */
static void clone_guard(prog *p) {
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4), 0, 0);
  load_arg_lo(p, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, AT_CLONE_DENY_MASK, 0, 0), T_EPERM, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_VM, 0, 0), T_ALLOW, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_FS | CLONE_FILES, 0, 0), T_EPERM, T_ALLOW);
}

static void build(prog *p, const at_filter_opts *o) {
  uint32_t stop = o->stop;
  emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)), 0, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 0), 0, T_ENOSYS);
  load_nr(p);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, AT_X32_BIT, 0, 0), T_ENOSYS, 0);
  for (unsigned i = 0; i < sizeof(deny_eperm) / sizeof(deny_eperm[0]); i++) nr_to(p, deny_eperm[i], T_EPERM);
  emit_returns(p);
  nr_to(p, SYS_clone3, T_ENOSYS);
  clone_guard(p);
  nr_arg_mask(p, SYS_unshare, 0, AT_UNSHARE_DENY_MASK, T_EPERM, T_ALLOW);
  nr_arg_mask(p, SYS_seccomp, 1, SECCOMP_FILTER_FLAG_NEW_LISTENER, T_EPERM, T_ALLOW);
  if (stop & AT_STOP_EXEC) {
    nr_to(p, SYS_execve, T_TRACE);
    nr_to(p, SYS_execveat, T_TRACE);
  }
  /* Write opens always stop (writes to /proc/<pid>/mem are refused even without file rules). */
  int ro = (stop & AT_STOP_FILE) && (stop & AT_STOP_READ_OPEN) ? T_TRACE : T_ALLOW;
  nr_arg_mask(p, SYS_open, 1, AT_WRITE_OPEN_MASK, T_TRACE, ro);
  nr_arg_mask(p, SYS_openat, 2, AT_WRITE_OPEN_MASK, T_TRACE, ro);
  nr_to(p, SYS_openat2, T_TRACE);
  if (stop & AT_STOP_FILE)
    for (unsigned i = 0; i < sizeof(file_traced) / sizeof(file_traced[0]); i++) nr_to(p, file_traced[i], T_TRACE);
  emit_returns(p);
  at_filter_net(p, stop);
  for (unsigned i = 0; i < sizeof(pid_targeted) / sizeof(pid_targeted[0]); i++) {
    int is_signal = 0;
    for (unsigned k = 0; k < sizeof(signal_traced) / sizeof(signal_traced[0]); k++)
      is_signal |= signal_traced[k] == pid_targeted[i];
    pid_guard(p, pid_targeted[i], o, is_signal && (stop & AT_STOP_SIGNAL) ? T_TRACE : T_ALLOW);
  }
  emit_returns(p);
  at_filter_mem(p);
  emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW), 0, 0);
}

/* Ends the program with a return island and turns symbolic targets into relative offsets to the
 * nearest following return of their kind. */
static int link_prog(prog *p) {
  unsigned body = p->n;
  emit_returns(p);
  p->n--; /* the island's jump-over is not needed at the very end: drop it, keep the returns */
  for (unsigned i = body; i < p->n; i++) {
    p->insn[i] = p->insn[i + 1];
    p->ret_of[i] = p->ret_of[i + 1];
  }
  if (p->overflow) return E2BIG;
  for (unsigned i = 0; i < body; i++) {
    int targets[2] = {p->jt_target[i], p->jf_target[i]};
    for (int k = 0; k < 2; k++) {
      if (!targets[k]) continue;
      unsigned at = i + 1;
      while (at < p->n && p->ret_of[at] != targets[k]) at++;
      unsigned off = at - (i + 1);
      if (at >= p->n || off > 255) return E2BIG;
      if (k == 0) p->insn[i].jt = (unsigned char)off;
      else p->insn[i].jf = (unsigned char)off;
    }
  }
  return 0;
}

int at_filter_install(const at_filter_opts *o) {
  static prog p; /* static: the child of a fork has its own copy */
  memset(&p, 0, sizeof(p));
  build(&p, o);
  int err = link_prog(&p);
  if (err) return err;
  struct sock_fprog fprog = {.len = (unsigned short)p.n, .filter = p.insn};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) != 0) return errno;
  return 0;
}
