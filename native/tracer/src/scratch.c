/* The per-process scratch area (see scratch.h). Injection at a seccomp stop: save the registers,
 * turn the syscall into mmap(PROT_READ), take its exit stop (gVisor shows an enter-stop first), then
 * restore the registers with rip moved back over the `syscall` instruction so the original syscall
 * runs again and stops again, now with the scratch area in place. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "scratch.h"
#include "sysnr.h"

static at_tracee *leader_of(const at_tracee *t) {
  return at_tracee_get(t->tgid);
}

uint64_t at_scratch_addr(const at_tracee *t) {
  const at_tracee *l = leader_of(t);
  return l ? l->scratch : 0;
}

int at_scratch_failed(const at_tracee *t) {
  const at_tracee *l = leader_of(t);
  return !l || l->scratch_failed;
}

int at_scratch_inject(at_tracee *t, const struct user_regs_struct *r) {
  at_tracee *l = leader_of(t);
  if (!l || l->scratch_failed) return -1;
  struct user_regs_struct m = *r;
  t->saved = *r;
  m.orig_rax = SYS_mmap;
  m.rdi = AT_SCRATCH_BASE; /* in the guarded window (filter_mem.c); elsewhere if it is taken */
  m.rsi = AT_SCRATCH_SIZE;
  m.rdx = PROT_READ;
  m.r10 = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE;
  m.r8 = (unsigned long long)-1;
  m.r9 = 0;
  if (at_regs_set(t->tid, &m) != 0 || at_resume_syscall(t->tid) != 0) {
    l->scratch_failed = 1;
    return -1;
  }
  t->wait = AT_WAIT_MMAP;
  return 0;
}

void at_scratch_syscall_stop(at_tracee *t, struct user_regs_struct *r) {
  if ((long)r->rax == -ENOSYS) { /* enter-stop (seccomp-before-enter order): run it */
    at_resume_syscall(t->tid);
    return;
  }
  t->wait = AT_WAIT_NONE;
  at_tracee *l = leader_of(t);
  long addr = (long)r->rax;
  if (l && addr < 0 && addr > -4096) l->scratch_failed = 1;
  else if (l) l->scratch = (uint64_t)addr;
  /* a vfork child mapped it into its parent's memory: the parent (and its next children) reuse it */
  at_tracee *parent = l && l->shares_mm ? at_tracee_get(l->ppid) : NULL;
  if (parent && !parent->scratch && addr > 0) parent->scratch = (uint64_t)addr;
  if (addr > 0 && at_scratch_seal_begin(t, r, (uint64_t)addr) == 0) return; /* mseal first (scratch_seal.c) */
  at_scratch_resume_original(t);
}

/* mmap into the scratch window stops (filter_mem.c): a tracee's own is refused like the other escape
 * syscalls (EPERM, no event); the tracer's injected one is only seen here where the kernel stops a
 * syscall the tracer set (Linux re-runs the filter and lets it pass). */
void at_stop_mmap(at_tracee *t, struct user_regs_struct *r) {
  if (t->wait == AT_WAIT_MMAP) {
    at_resume_syscall(t->tid);
    return;
  }
  at_regs_fail(t, r, -EPERM);
}

void at_scratch_resume_original(at_tracee *t) {
  struct user_regs_struct back = t->saved;
  back.rax = t->saved.orig_rax; /* re-issue the original syscall */
  back.rip -= 2;
  if (at_regs_set(t->tid, &back) != 0) {
    kill(t->tid, SIGKILL);
    return;
  }
  at_resume(t->tid, 0);
}

/* Pair slots belong to threads: a thread's pinned copies are only ever overwritten by its own later
 * syscalls, which cannot start before the kernel has read them (a thread makes one syscall at a
 * time, and a parked one makes none). A slot is claimed at a thread's first pin and freed when the
 * thread is gone. Argv areas rotate; an approval wait holds its area (at_scratch_hold). */
static pid_t pair_owner[AT_SCRATCH_PAIRS];
static unsigned next_pair, next_argv;
static unsigned char argv_held[AT_SCRATCH_ARGVS];
/* The last argv area handed out, and to which thread at which seccomp stop (for at_scratch_hold). */
static struct {
  pid_t tid;
  unsigned long stop;
  unsigned idx;
} last_argv;

uint64_t at_scratch_pair(at_tracee *t) {
  uint64_t base = at_scratch_addr(t);
  if (!base) return 0;
  if (t->pair_slot == 0) {
    for (unsigned k = 0; k < AT_SCRATCH_PAIRS && t->pair_slot == 0; k++) {
      unsigned i = next_pair++ % AT_SCRATCH_PAIRS;
      if (pair_owner[i] == 0) {
        pair_owner[i] = t->tid;
        t->pair_slot = i + 1;
      }
    }
    if (t->pair_slot == 0) return 0; /* every slot belongs to a live thread: pinning fails (deny) */
  }
  return base + (uint64_t)(t->pair_slot - 1) * 2 * AT_SCRATCH_SLOT;
}

void at_scratch_thread_gone(at_tracee *t) {
  if (t->pair_slot && pair_owner[t->pair_slot - 1] == t->tid) pair_owner[t->pair_slot - 1] = 0;
  t->pair_slot = 0;
}

uint64_t at_scratch_argv_area(const at_tracee *t) {
  uint64_t base = at_scratch_addr(t);
  if (!base) return 0;
  for (unsigned k = 0; k < AT_SCRATCH_ARGVS; k++) {
    unsigned i = next_argv++ % AT_SCRATCH_ARGVS;
    if (argv_held[i]) continue;
    last_argv.tid = t->tid;
    last_argv.stop = at_sess.stops;
    last_argv.idx = i;
    return base + AT_SCRATCH_ARGV_OFF + (uint64_t)i * AT_SCRATCH_ARGV_SIZE;
  }
  return 0; /* every area is held by a parked exec */
}

int at_scratch_hold(const at_tracee *t) {
  if (last_argv.tid != t->tid || last_argv.stop != at_sess.stops) return -1;
  argv_held[last_argv.idx]++;
  return (int)last_argv.idx;
}

void at_scratch_release(int held) {
  if (held >= 0 && argv_held[held]) argv_held[held]--;
}

uint64_t at_scratch_put(at_tracee *t, uint64_t addr, const char *s) {
  static char padded[AT_SCRATCH_SLOT];
  size_t n = strlen(s) + 1, whole = (n + 7) & ~(size_t)7; /* whole words: no read-modify-write */
  if (!addr || whole > AT_SCRATCH_SLOT) return 0;
  memcpy(padded, s, n);
  memset(padded + n, 0, whole - n);
  return at_mem_write(t, addr, padded, whole) == 0 ? addr : 0;
}
