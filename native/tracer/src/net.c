/* Network stops: connect, sendto, sendmsg and sendmmsg with a destination (AF_INET/AF_INET6).
 * - Port 53 (any address, UDP or TCP) goes to the session's DNS proxy when one was given (--dns):
 *   the sockaddr is rewritten in place, so resolvers that compare the reply's source with their
 *   server list (glibc, musl) see the address they sent to.
 * - Otherwise, when the table stops on network, the destination is judged by the network rules
 *   (IPv4-mapped IPv6 as IPv4, names from net_names.c); a deny returns EACCES before anything is sent.
 * - Connections to the DNS proxy itself and non-IP families pass untouched.
 * When another thread can write the memory, the checked sockaddr (and msghdr) is pinned: copied into
 * the scratch area and the register pointed there. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "net_sock.h"
#include "scratch.h"
#include "stops.h"
#include "sysnr.h"

#define AT_PIN_SA_OFF 128

void at_stop_net(at_tracee *t, struct user_regs_struct *r) {
  at_event e;
  memset(&e, 0, sizeof(e));
  e.type = "network";
  uint64_t nr = r->orig_rax;
  e.syscall = nr == SYS_connect ? "connect"
              : nr == SYS_bind  ? "bind"
              : nr == SYS_sendto ? "sendto"
              : nr == SYS_sendmsg ? "sendmsg"
                                  : "sendmmsg";
  e.operation = nr == SYS_connect ? "connect" : "send";
  if (nr == SYS_sendmmsg) {
    at_stop_mmsg(t, r, &e);
    return;
  }
  struct msghdr mh;
  uint64_t sa_addr, sa_len;
  int sa_arg = -1;
  if (nr == SYS_connect || nr == SYS_bind) {
    sa_addr = at_arg(r, 1);
    sa_len = at_arg(r, 2) & 0xffffffffu;
    sa_arg = 1;
  } else if (nr == SYS_sendto) {
    sa_addr = at_arg(r, 4);
    sa_len = at_arg(r, 5) & 0xffffffffu;
    sa_arg = 4;
  } else {
    if (at_mem_read(t, at_arg(r, 1), &mh, sizeof(mh)) != (ssize_t)sizeof(mh)) {
      at_resume(t->tid, 0);
      return;
    }
    sa_addr = (uint64_t)(uintptr_t)mh.msg_name;
    sa_len = mh.msg_namelen;
  }
  at_sock nd;
  int ok = at_sock_read(t, sa_addr, sa_len, &nd,
                        nr == SYS_connect ? AT_UNIX_CONNECT : nr == SYS_bind ? AT_UNIX_BIND : AT_UNIX_SENDTO);
  at_verdict v;
  int act = ok ? at_net_judge(t, &nd, &e, &v) : NET_QUIET;
  int shared = at_tracee_memory_shared(t);
  int bad_len = sa_len < sizeof(sa_family_t) || sa_len > AT_SA_MAX; /* the kernel refuses these */
  if (act == NET_QUIET && (!shared || !sa_addr || bad_len)) {
    at_resume(t->tid, 0); /* no destination, another family, or the kernel refuses it */
    return;
  }
  if (act == NET_QUIET && !ok) {
    at_net_builtin(&v, AT_D_DENY, "net-pin-failed");
    at_net_deny(t, r, &e, &v);
    return;
  }
  if (act == NET_DENY) {
    at_net_deny(t, r, &e, &v);
    return;
  }
  /* an approval wait is a window too: the checked sockaddr is always pinned then */
  int pin = shared || act == NET_APPROVE;
  /* the mapping first: the syscall restarts and is judged again after it */
  if (pin && !at_scratch_addr(t) && !at_scratch_failed(t) && at_scratch_inject(t, r) == 0) return;
  if ((nd.steered || nd.redirected) && at_mem_write(t, sa_addr, nd.sa, nd.len) != 0) {
    at_net_builtin(&v, AT_D_DENY, "dns-steer-failed");
    at_net_deny(t, r, &e, &v);
    return;
  }
  if (pin) { /* pin what was checked (every sockaddr: its family could change too) */
    uint64_t slot = at_scratch_pair(t);
    int bad = !slot || at_mem_write(t, slot + AT_PIN_SA_OFF, nd.sa, nd.len) != 0;
    if (!bad && sa_arg < 0) {
      mh.msg_name = (void *)(uintptr_t)(slot + AT_PIN_SA_OFF);
      bad = at_mem_write(t, slot, &mh, sizeof(mh)) != 0;
      if (!bad) at_set_arg(r, 1, slot);
    } else if (!bad) {
      at_set_arg(r, sa_arg, slot + AT_PIN_SA_OFF);
    }
    if (bad || at_regs_set(t->tid, r) != 0) {
      at_net_builtin(&v, AT_D_DENY, "net-pin-failed");
      at_net_deny(t, r, &e, &v);
      return;
    }
  }
  if (nd.unix_op == AT_UNIX_BIND && (act == NET_ALLOW || act == NET_APPROVE)) { /* for listen (listen.c) */
    if (nd.upath[0]) at_unix_bound(t, (int)at_arg(r, 0), nd.upath);
    else if (nd.family) at_ip_bound(t, (int)at_arg(r, 0), &nd.d);
  }
  if (act == NET_APPROVE) {
    at_park(t, &e, &v, r, EACCES); /* resumes on the answer or the timeout */
    return;
  }
  if (nd.steered) at_net_steered(t, (int)at_arg(r, 0), nd.orig, nd.len);
  if (act == NET_ALLOW) at_emit(t, &e, &v);
  at_resume(t->tid, 0);
}
