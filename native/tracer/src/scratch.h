#ifndef AT_SCRATCH_H
#define AT_SCRATCH_H

#include <stdint.h>
#include <sys/user.h>

#include "session.h"

/* A read-only (to the tracee) scratch area the tracer maps into each traced process by injecting
 * mmap at a seccomp stop; pinned paths and redirect targets are written there through
 * /proc/<pid>/mem, never onto the tracee's stack (Go goroutine stacks can be 2 KiB). */
#define AT_SCRATCH_SLOT 4352                                  /* one path */
#define AT_SCRATCH_PAIRS 1024                                 /* path pairs, one per pinning thread */
#define AT_SCRATCH_ARGV_SIZE (80 * 1024)                      /* one argv array */
#define AT_SCRATCH_ARGVS 8                                    /* argv arrays, handed out in turn */
#define AT_SCRATCH_ARGV_OFF (AT_SCRATCH_PAIRS * 2 * AT_SCRATCH_SLOT)
#define AT_SCRATCH_SIZE (AT_SCRATCH_ARGV_OFF + AT_SCRATCH_ARGVS * AT_SCRATCH_ARGV_SIZE)
/* Where the area is mapped (MAP_FIXED_NOREPLACE): inside a 4 GiB window far from where kernels place
 * heaps, libraries and stacks, which the prefilter keeps tracees from touching (filter_mem.c). */
#define AT_SCRATCH_BASE 0x3e0000000000ULL

/* The process's scratch address, 0 when it has none. */
uint64_t at_scratch_addr(const at_tracee *t);
/* 1 when injection failed for this process (callers then work without a scratch area). */
int at_scratch_failed(const at_tracee *t);
/* Starts mapping the scratch area at a seccomp stop: returns 0 when the thread was resumed into the
 * injected mmap (the original syscall is restarted afterwards and stops again), -1 on failure. */
int at_scratch_inject(at_tracee *t, const struct user_regs_struct *r);
/* The syscall-stops of the injected mmap (AT_WAIT_MMAP). */
void at_scratch_syscall_stop(at_tracee *t, struct user_regs_struct *r);
/* After the mmap: injects mseal over the area (scratch_seal.c); 0 when the thread was resumed into
 * it, -1 when it could not be (the original syscall is then resumed by the caller). */
int at_scratch_seal_begin(at_tracee *t, const struct user_regs_struct *r, uint64_t addr);
/* The syscall-stops of the injected mseal (AT_WAIT_SEAL). */
void at_scratch_seal_stop(at_tracee *t, struct user_regs_struct *r);
/* A seccomp stop of mmap into the scratch window. */
void at_stop_mmap(at_tracee *t, struct user_regs_struct *r);
/* Restores the registers saved at injection and re-issues the original syscall. */
void at_scratch_resume_original(at_tracee *t);
/* A pair of path slots of the thread's own (claimed at its first pin, freed by
 * at_scratch_thread_gone): only the thread's own later syscalls overwrite it, so what the kernel
 * reads is what was checked. 0 when there is no scratch area or every slot belongs to a live
 * thread (callers then deny). */
uint64_t at_scratch_pair(at_tracee *t);
void at_scratch_thread_gone(at_tracee *t);
/* An argv area (they rotate, AT_SCRATCH_ARGVS of them); 0 when all are held. */
uint64_t at_scratch_argv_area(const at_tracee *t);
/* An exec about to wait for an approval keeps the argv area it was given at this stop out of the
 * rotation until at_scratch_release (returns the held index, or -1 for none). */
int at_scratch_hold(const at_tracee *t);
void at_scratch_release(int held);
/* Writes s at addr (a slot from at_scratch_pair); returns addr or 0. */
uint64_t at_scratch_put(at_tracee *t, uint64_t addr, const char *s);

#endif
