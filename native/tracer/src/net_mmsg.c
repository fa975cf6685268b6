/* sendmmsg: every message with a destination is judged (a single deny refuses the whole call).
 * When another thread (or a vfork parent) can write the vector, no entry of it can be trusted after
 * the check, and the vector cannot be moved to read-only memory (the kernel writes msg_len into it).
 * Then the call becomes a sendmsg of the first message: its msghdr, and the checked sockaddr it
 * names, are copied into the thread's read-only scratch slots. At the exit stop the byte count goes
 * into the caller's msg_len and the call returns 1 (a partial send, which callers handle). */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "net_sock.h"
#include "scratch.h"
#include "stops.h"
#include "sysnr.h"

#define AT_MMSG_MAX 1024

static struct mmsghdr vec[AT_MMSG_MAX];

/* Turns the call into sendmsg(fd, pinned copy of vec[0], flags); 0 or -1. */
static int pin_first(at_tracee *t, struct user_regs_struct *r, const uint8_t *sa, uint32_t sa_len) {
  uint64_t base = at_scratch_pair(t);
  if (!base) return -1;
  struct msghdr mh = vec[0].msg_hdr;
  if (mh.msg_name) {
    if (at_mem_write(t, base + sizeof(mh), sa, sa_len) != 0) return -1;
    mh.msg_name = (void *)(uintptr_t)(base + sizeof(mh));
    mh.msg_namelen = sa_len;
  }
  if (at_mem_write(t, base, &mh, sizeof(mh)) != 0) return -1;
  t->mmsg_orig = at_arg(r, 1);
  r->orig_rax = SYS_sendmsg;
  at_set_arg(r, 1, base);
  at_set_arg(r, 2, at_arg(r, 3));
  return at_regs_set(t->tid, r);
}

void at_stop_mmsg(at_tracee *t, struct user_regs_struct *r, at_event *e) {
  uint64_t n = at_arg(r, 2) > AT_MMSG_MAX ? AT_MMSG_MAX : at_arg(r, 2);
  int shared = at_tracee_memory_shared(t) && n > 0;
  if (shared) n = 1; /* only the first message is sent, from a pinned copy */
  /* the mapping first: the syscall restarts and is judged again after it */
  if (shared && !at_scratch_addr(t) && !at_scratch_failed(t) && at_scratch_inject(t, r) == 0) return;
  ssize_t got = n ? at_mem_read(t, at_arg(r, 1), vec, n * sizeof(vec[0])) : 0;
  if (got < 0 || (size_t)got < n * sizeof(vec[0])) {
    at_resume(t->tid, 0); /* unreadable: the kernel fails it with EFAULT */
    return;
  }
  at_sock nd = {0};
  for (uint64_t i = 0; i < n; i++) {
    if (!vec[i].msg_hdr.msg_name) continue;
    at_event ev = *e;
    at_verdict v;
    int ok = at_sock_read(t, (uint64_t)(uintptr_t)vec[i].msg_hdr.msg_name, vec[i].msg_hdr.msg_namelen, &nd,
                          AT_UNIX_SENDTO);
    int act = ok ? at_net_judge(t, &nd, &ev, &v) : NET_QUIET;
    if (shared && !ok) { /* nothing checked to pin: the kernel could read anything there later */
      at_net_builtin(&v, AT_D_DENY, "net-pin-failed");
      act = NET_DENY;
    }
    if (act == NET_APPROVE) {
      ev.note = "approvals for sendmmsg destinations are not supported: denied";
      act = NET_DENY;
    }
    if (act == NET_ALLOW && !shared && (nd.steered || nd.redirected) &&
        at_mem_write(t, (uint64_t)(uintptr_t)vec[i].msg_hdr.msg_name, nd.sa, nd.len) != 0) {
      at_net_builtin(&v, AT_D_DENY, "dns-steer-failed");
      act = NET_DENY;
    }
    if (act == NET_DENY) {
      at_net_deny(t, r, &ev, &v);
      return;
    }
    if (act == NET_QUIET || act == NET_PASS) continue;
    if (nd.steered) at_net_steered(t, (int)at_arg(r, 0), nd.orig, nd.len);
    at_emit(t, &ev, &v);
  }
  if (!shared) {
    at_resume(t->tid, 0);
    return;
  }
  if (pin_first(t, r, nd.sa, (uint32_t)nd.len) != 0) {
    at_verdict v;
    at_net_builtin(&v, AT_D_DENY, "net-pin-failed");
    at_net_deny(t, r, e, &v);
    return;
  }
  t->wait = AT_WAIT_MMSG_EXIT;
  t->enter_seen = 0;
  if (at_resume_syscall(t->tid) != 0) t->wait = AT_WAIT_NONE;
}

/* The exit of a pinned sendmmsg: the bytes sent become msg_len of the first message; returns 1. */
void at_mmsg_exit(at_tracee *t, struct user_regs_struct *r) {
  long ret = (long)r->rax;
  t->wait = AT_WAIT_NONE;
  if (ret >= 0) {
    unsigned int len = (unsigned int)ret;
    at_mem_write(t, t->mmsg_orig + offsetof(struct mmsghdr, msg_len), &len, sizeof(len));
    r->rax = 1;
    if (at_regs_set(t->tid, r) != 0) kill(t->tid, SIGKILL);
  }
  at_resume(t->tid, 0);
}
