/* The scratch window guard (scratch.h): the tracer maps each process's scratch area at
 * AT_SCRATCH_BASE, inside a 4 GiB window no program uses. Where the kernel has no mseal (gVisor,
 * Linux before 6.10) this is what keeps a tracee from unmapping it, making it writable, moving it,
 * dropping it from a fork child or mapping its own page there: munmap, mprotect, pkey_mprotect,
 * madvise, remap_file_pages and mremap touching the window, shmat into it, and mremap with
 * MREMAP_FIXED into it are refused in BPF; mmap into it stops (the tracer's own injected mmap is not
 * stopped again: the kernel does not re-stop a syscall the tracer set at a seccomp stop). */
#include <linux/mman.h>
#include <sys/mman.h>

#include "bpf_prog.h"
#include "scratch.h"
#include "sysnr.h"

#define W ((unsigned)(AT_SCRATCH_BASE >> 32)) /* the window's upper 32 address bits */
#define LOAD_HI(p, arg) \
  emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[arg]) + 4), 0, 0)

/* Jumps to `hit` when [args[a], args[a] + args[l]) may meet the window (len_arg < 0: up to 4 GiB),
 * else falls through. Conservative: a carry from the low halves is always assumed. X is loaded from
 * scratch memory, not with TAX (gVisor's BPF gets TAX wrong). 10 instructions. */
static void range(prog *p, int a, int l, int hit) {
  LOAD_HI(p, a);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, W, 0, 0), hit, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, W, 7, 0), 0, 0); /* starts above: miss */
  emit(p, (struct sock_filter)BPF_STMT(BPF_ST, 0), 0, 0);
  if (l >= 0) LOAD_HI(p, l);
  else emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_IMM, 0), 0, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 0x8000, 0, 0), hit, 0); /* absurd: refuse */
  emit(p, (struct sock_filter)BPF_STMT(BPF_LDX | BPF_MEM, 0), 0, 0);
  emit(p, (struct sock_filter)BPF_STMT(BPF_ALU | BPF_ADD | BPF_X, 0), 0, 0);
  emit(p, (struct sock_filter)BPF_STMT(BPF_ALU | BPF_ADD | BPF_K, 1), 0, 0);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, W, 0, 0), hit, 0);
}

/* goto target (both branches of a compare: cBPF's JA takes no symbolic target) */
static void always(prog *p, int target) {
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0), target, target);
}

/* if (nr == this) { range check -> target; else ALLOW } (A holds nr on entry and on the other path) */
static void guard(prog *p, unsigned nr, int a, int l, int target) {
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 11), 0, 0);
  range(p, a, l, target);
  always(p, T_ALLOW);
}

void at_filter_mem(prog *p) {
  static const unsigned refused[] = {SYS_munmap, SYS_mprotect, SYS_pkey_mprotect, SYS_madvise, SYS_remap_file_pages};
  for (unsigned i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) guard(p, refused[i], 0, 1, T_EPERM);
  guard(p, SYS_mmap, 0, 1, T_TRACE);
  guard(p, SYS_shmat, 1, -1, T_EPERM);
  /* mremap: the old range, then (MREMAP_FIXED) the new one */
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mremap, 0, 23), 0, 0);
  range(p, 0, 1, T_EPERM);
  load_arg_lo(p, 3);
  emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, MREMAP_FIXED, 0, 0), 0, T_ALLOW);
  range(p, 4, 2, T_EPERM);
  always(p, T_ALLOW);
}
