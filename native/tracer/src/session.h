#ifndef AT_SESSION_H
#define AT_SESSION_H

/* State shared by the helper's engine files (never includes node_api.h). */
#include <limits.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "table.h"

#define AT_ARGV_MAX 1000
#define AT_ARGS_BYTES 65536

/* What a thread waits for at its next syscall-stop. */
#define AT_WAIT_NONE 0
#define AT_WAIT_VERIFY_OPEN 1 /* exit of an allowed open: check the opened file */
#define AT_WAIT_CLOSE_ENTER 2 /* injected close(fd): its enter-stop */
#define AT_WAIT_CLOSE_EXIT 3  /* injected close(fd): its exit-stop, then restore with -EACCES */
#define AT_WAIT_MMAP 4        /* injected mmap of the scratch area (scratch.c) */
#define AT_WAIT_SEAL 6        /* injected mseal of the scratch area (scratch_seal.c) */
#define AT_WAIT_MMSG_EXIT 8  /* exit of a sendmmsg run on a pinned vector (net_mmsg.c) */
#define AT_WAIT_FENCE_EXIT 7 /* exit of a fenced rename/symlink/link (fence.c) */
#define AT_WAIT_RECV_EXIT 5   /* recvfrom/recvmsg/recvmmsg on a steered DNS socket: show the original server (net_recv.c) */
#define AT_RECV_VEC 16        /* recvmmsg: sources rewritten in at most this many messages per call */

typedef struct at_tracee {
  struct at_tracee *next;
  pid_t tid, tgid, ppid;
  int depth;
  int memfd;
  int started;                        /* its first stop has been seen */
  int nthreads;                       /* leader only: traced threads besides the leader */
  uint64_t scratch;                   /* leader only: the process's scratch area (scratch.h) */
  int shares_mm;                      /* leader only: a vfork/CLONE_VM child sharing its parent's memory */
  int vforked;                        /* leader only: shares_mm because of vfork (the parent waits) */
  int forker_known;                   /* ppid/depth/scratch came from the parent's fork/vfork event */
  int held;                           /* first stop seen before the parent's event: not resumed yet */
  unsigned held_tick;
  int scratch_failed;                 /* leader only: mapping it failed; work without */
  int seal_entered;                   /* AT_WAIT_SEAL: the enter-stop of the injected mseal was seen */
  unsigned pair_slot;                 /* 1 + the scratch pair slot this thread owns (scratch.c), 0: none */
  int wait;                           /* AT_WAIT_* */
  int walk;                           /* resumed from an allowed path check, not stopped since (fence.c) */
  int fence_wait;                     /* interrupted for a fence, not stopped yet */
  int deferred;                       /* its seccomp stop waits for the fence to end */
  int enter_seen;                     /* AT_WAIT_FENCE_EXIT, AT_WAIT_MMSG_EXIT: gVisor's enter-stop was let through */
  int xwait;                          /* interrupted for another helper's fence, not stopped yet */
  int resume_pending;                 /* an approved file syscall waits for the fence to end */
  long resume_nr;
  int verify_op;                      /* file op to re-check at the open's exit */
  int park_verify;                    /* a parked open: verify it at its exit once approved */
  char *approved_path;                /* the path an approval covered (checked again at the exit) */
  int exec_pending;                   /* exec_path holds what the last execve was allowed to run */
  struct user_regs_struct saved;      /* registers to restore after an injected syscall */
  char exec_path[PATH_MAX];           /* resolved target (or interpreter/loader) allowed at the stop */
  char exec_alt[PATH_MAX];            /* interpreter of a script / program run by ld.so */
  char *exec_args;                    /* argv joined with spaces, for the re-check at PTRACE_EVENT_EXEC */
  uint64_t recv_addr, recv_lenp;      /* AT_WAIT_RECV_EXIT: recvfrom's src_addr and addrlen, or the msghdr/vector */
  uint8_t recv_orig[28];              /* the server address the resolver sent to */
  uint32_t recv_len;
  uint64_t mmsg_orig;                 /* AT_WAIT_MMSG_EXIT: the caller's vector */
  long recv_nr;                       /* recvfrom, recvmsg or recvmmsg */
  uint32_t recv_caps[AT_RECV_VEC];    /* source buffer capacities the caller passed (per message) */
  unsigned recv_n;                    /* recvmmsg: messages whose source may be rewritten */
} at_tracee;

typedef struct {
  at_table *table;
  unsigned table_gen; /* bumped on every table install (caches keyed on the table use it) */
  pid_t root;
  int ctl_fd;
  const char *quarantine;
  uint32_t approval_timeout_ms;
  unsigned long stops, denies, ptrace_stops; /* seccomp stops, denials, every ptrace stop */
  unsigned quarantine_seq;
  uint32_t filter_stop;      /* stop classes the prefilter was built with */
  struct sockaddr_in dns4;   /* the session DNS proxy (port 0: none); port-53 traffic goes here */
  struct sockaddr_in6 dns6;  /* its IPv6 listener (port 0: none) */
} at_session;

extern at_session at_sess;

/* tracees.c */
at_tracee *at_tracee_get(pid_t tid);
at_tracee *at_tracee_add(pid_t tid);
/* The entry for a thread seen for the first time (its first stop can come before the parent's
 * event): forker = the process that forked it (fork/vfork), or NULL to read ids from /proc. */
at_tracee *at_tracee_track(pid_t tid, const at_tracee *forker, int shares_mm);
/* 1 when another thread (or a vfork parent's threads) can write this thread's memory. */
int at_tracee_memory_shared(const at_tracee *t);
/* A new child whose first stop came before its parent's event stays stopped until that event
 * (at_tracee_track then fills it in and at_tracee_release resumes it), or a tick at most. */
at_tracee *at_tracee_hold(pid_t tid);
void at_tracee_release(at_tracee *t);
void at_tracee_release_stale(void);
void at_tracee_remove(pid_t tid);
size_t at_tracee_count(void);
void at_tracee_each(void (*fn)(at_tracee *t, void *arg), void *arg);
void at_tracee_kill_all(void);
int at_tracee_is_ancestor(pid_t ancestor_tgid, pid_t tgid);

/* mem.c: tracee memory. Return bytes read or -errno. */
ssize_t at_mem_read(at_tracee *t, uint64_t addr, void *buf, size_t n);
ssize_t at_mem_read_str(at_tracee *t, uint64_t addr, char *buf, size_t cap);
int at_mem_write(at_tracee *t, uint64_t addr, const void *buf, size_t n);
/* 0 once writes need a ptrace call per word (gVisor): pins then cost more than an exit stop. */
int at_mem_write_cheap(void);
typedef struct {
  char **argv;
  int argc;
  char *joined;  /* argv joined with single spaces */
  int truncated; /* more than AT_ARGV_MAX entries or AT_ARGS_BYTES bytes: the rest was cut */
} at_argv;

/* Reads a NULL-terminated pointer array of strings (execve's argv). 0 or -errno. */
int at_mem_read_argv(at_tracee *t, uint64_t addr, at_argv *out);
void at_argv_free(char **argv, int argc);
void at_mem_forget(at_tracee *t);

/* regs.c */
int at_regs_get(pid_t tid, struct user_regs_struct *r);
int at_regs_set(pid_t tid, const struct user_regs_struct *r);
uint64_t at_arg(const struct user_regs_struct *r, int i);
void at_set_arg(struct user_regs_struct *r, int i, uint64_t v);
/* Skips the syscall at a seccomp stop and makes it return ret. Resumes the thread. */
int at_regs_fail(at_tracee *t, struct user_regs_struct *r, long ret);

/* regs.c: restarting a stopped thread */
int at_resume(pid_t tid, int sig);
int at_resume_syscall(pid_t tid);

#endif
