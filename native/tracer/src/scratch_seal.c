/* Sealing the scratch area (mseal, Linux 6.10 and later). After the injected mmap returns, a second
 * injected syscall seals the mapping, so the tracee can no longer munmap, mprotect, mremap or map over
 * it: otherwise it could put a writable page of its own at that address and race the copies the
 * tracer pins there. Where mseal does not exist (older kernels, gVisor: ENOSYS) the area stays
 * unsealed and the helper stops trying (docs/tracer.md, "TOCTOU model"). */
#include <errno.h>

#include "scratch.h"

#define AT_SYS_MSEAL 462

static int seal_unsupported;

int at_scratch_seal_begin(at_tracee *t, const struct user_regs_struct *r, uint64_t addr) {
  if (seal_unsupported) return -1;
  struct user_regs_struct m = *r; /* the mmap's exit stop: run the syscall instruction again */
  m.rax = AT_SYS_MSEAL;
  m.orig_rax = AT_SYS_MSEAL;
  m.rdi = addr;
  m.rsi = AT_SCRATCH_SIZE;
  m.rdx = 0;
  m.rip -= 2;
  if (at_regs_set(t->tid, &m) != 0 || at_resume_syscall(t->tid) != 0) return -1;
  t->seal_entered = 0;
  t->wait = AT_WAIT_SEAL;
  return 0;
}

void at_scratch_seal_stop(at_tracee *t, struct user_regs_struct *r) {
  if (!t->seal_entered) { /* its enter-stop: let it run */
    t->seal_entered = 1;
    at_resume_syscall(t->tid);
    return;
  }
  t->wait = AT_WAIT_NONE;
  if ((long)r->rax == -ENOSYS) seal_unsupported = 1;
  at_scratch_resume_original(t);
}
