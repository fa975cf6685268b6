/* Network stops: connect, sendto, sendmsg and sendmmsg with a destination (AF_INET/AF_INET6).
 * - Port 53 (any address, UDP or TCP) goes to the session's DNS proxy when one was given (--dns):
 *   the sockaddr is rewritten in place, so resolvers that compare the reply's source with their
 *   server list (glibc, musl) see the address they sent to.
 * - Otherwise, when the table stops on network, the destination is judged by the network rules
 *   (IPv4-mapped IPv6 as IPv4, names from net_names.c); a deny returns EACCES before anything is sent.
 * - Connections to the DNS proxy itself and non-IP families pass untouched.
 * When another thread can write the memory, the checked sockaddr (and msghdr) is pinned: copied into
 * the scratch area and the register pointed there. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "net_names.h"
#include "path.h"
#include "scratch.h"
#include "stops.h"
#include "sysnr.h"

#define AT_SA_MAX 128
#define AT_MMSG_MAX 1024
#define AT_PIN_SA_OFF 128

/* QUIET: not an IP destination (the kernel decides); PASS: allowed without an event (the DNS proxy
 * itself, or the table does not police the network). */
enum { NET_QUIET, NET_PASS, NET_ALLOW, NET_DENY, NET_APPROVE };

typedef struct {
  uint8_t sa[AT_SA_MAX];
  size_t len;
  int steered;
  at_net_dest d;
  char text[INET6_ADDRSTRLEN];
  const char *family;
  int is_send; /* sendto/sendmsg: AF_UNSPEC is sent as AF_INET by UDP */
  uint32_t unix_op; /* AT_UNIX_* of this syscall */
  uint8_t orig[AT_SA_MAX]; /* before steering */
  int redirected;          /* a connect redirect rewrote sa */
  char upath[PATH_MAX + 8]; /* AF_UNIX: resolved path or '@abstract' */
} net_dest;

static const uint8_t mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

/* 1: an IP destination parsed into nd->d; 0: another family or too short (the kernel decides). */
static int parse(net_dest *nd) {
  sa_family_t fam;
  memcpy(&fam, nd->sa, sizeof(fam));
  memset(&nd->d, 0, sizeof(nd->d));
  if (fam == AF_UNSPEC && nd->is_send) fam = AF_INET; /* udp_sendmsg treats AF_UNSPEC as AF_INET */
  if (fam == AF_INET && nd->len >= sizeof(struct sockaddr_in)) {
    struct sockaddr_in in;
    memcpy(&in, nd->sa, sizeof(in));
    nd->d.v = 4;
    memcpy(nd->d.addr, &in.sin_addr, 4);
    nd->d.port = ntohs(in.sin_port);
    nd->family = "inet";
  } else if (fam == AF_INET6 && nd->len >= 24) { /* SIN6_LEN_RFC2133 */
    struct sockaddr_in6 in6;
    memset(&in6, 0, sizeof(in6));
    memcpy(&in6, nd->sa, nd->len < sizeof(in6) ? nd->len : sizeof(in6));
    nd->family = "inet6";
    nd->d.port = ntohs(in6.sin6_port);
    if (memcmp(in6.sin6_addr.s6_addr, mapped_prefix, 12) == 0) {
      nd->d.v = 4;
      memcpy(nd->d.addr, in6.sin6_addr.s6_addr + 12, 4);
    } else {
      nd->d.v = 6;
      memcpy(nd->d.addr, in6.sin6_addr.s6_addr, 16);
    }
  } else {
    return 0;
  }
  inet_ntop(nd->d.v == 4 ? AF_INET : AF_INET6, nd->d.addr, nd->text, sizeof(nd->text));
  nd->d.text = nd->text;
  return 1;
}

static int is_dns_listener(const net_dest *nd) {
  const at_session *s = &at_sess;
  if (nd->d.v == 4)
    return s->dns4.sin_port && nd->d.port == ntohs(s->dns4.sin_port) && memcmp(nd->d.addr, &s->dns4.sin_addr, 4) == 0;
  return s->dns6.sin6_port && nd->d.port == ntohs(s->dns6.sin6_port) &&
         memcmp(nd->d.addr, s->dns6.sin6_addr.s6_addr, 16) == 0;
}

/* Rewrites nd->sa to the session DNS proxy. 0, or -1 when no listener fits the family. */
static int steer(net_dest *nd) {
  sa_family_t fam;
  memcpy(&fam, nd->sa, sizeof(fam));
  const at_session *s = &at_sess;
  if (fam == AF_INET || fam == AF_UNSPEC) {
    if (!s->dns4.sin_port) return -1;
    struct sockaddr_in in;
    memcpy(&in, nd->sa, sizeof(in));
    in.sin_addr = s->dns4.sin_addr;
    in.sin_port = s->dns4.sin_port;
    memcpy(nd->sa, &in, sizeof(in));
    return 0;
  }
  struct sockaddr_in6 in6;
  memset(&in6, 0, sizeof(in6));
  memcpy(&in6, nd->sa, nd->len < sizeof(in6) ? nd->len : sizeof(in6));
  in6.sin6_flowinfo = 0;
  if (s->dns6.sin6_port && nd->d.v == 6) {
    in6.sin6_addr = s->dns6.sin6_addr;
    in6.sin6_port = s->dns6.sin6_port;
    in6.sin6_scope_id = 0;
  } else if (s->dns4.sin_port) { /* ::ffff:proxy (dual-stack sockets) */
    memcpy(in6.sin6_addr.s6_addr, mapped_prefix, 12);
    memcpy(in6.sin6_addr.s6_addr + 12, &s->dns4.sin_addr, 4);
    in6.sin6_port = s->dns4.sin_port;
    in6.sin6_scope_id = 0;
  } else {
    return -1;
  }
  memcpy(nd->sa, &in6, nd->len < sizeof(in6) ? nd->len : sizeof(in6));
  return 0;
}

static void builtin(at_verdict *v, int decision, const char *rule) {
  memset(v, 0, sizeof(*v));
  v->decision = v->effective = decision;
  v->rule = rule;
}

/* Rewrites nd->sa to a connect redirect's target (same family; IPv4 targets as ::ffff:a.b.c.d on
 * IPv6 sockets). 0, or -1 when the target is no IP literal or does not fit the socket's family. */
static int redirect_to(net_dest *nd, const at_conn_redirect *c) {
  sa_family_t fam;
  memcpy(&fam, nd->sa, sizeof(fam));
  if (!c->to_v) return -1;
  if (fam == AF_INET6) {
    struct sockaddr_in6 in6;
    memset(&in6, 0, sizeof(in6));
    memcpy(&in6, nd->sa, nd->len < sizeof(in6) ? nd->len : sizeof(in6));
    if (c->to_v == 4) {
      memcpy(in6.sin6_addr.s6_addr, mapped_prefix, 12);
      memcpy(in6.sin6_addr.s6_addr + 12, c->to_addr, 4);
    } else {
      memcpy(in6.sin6_addr.s6_addr, c->to_addr, 16);
    }
    in6.sin6_port = htons((uint16_t)c->to_port);
    in6.sin6_flowinfo = 0;
    in6.sin6_scope_id = 0;
    memcpy(nd->sa, &in6, nd->len < sizeof(in6) ? nd->len : sizeof(in6));
    return 0;
  }
  if (c->to_v != 4) return -1;
  struct sockaddr_in in;
  memcpy(&in, nd->sa, sizeof(in));
  memcpy(&in.sin_addr, c->to_addr, 4);
  in.sin_port = htons((uint16_t)c->to_port);
  memcpy(nd->sa, &in, sizeof(in));
  return 0;
}

/* The AF_UNIX name: '@' + abstract name (embedded NULs as "\\0"), or the filesystem path resolved
 * like the kernel will (symlinks followed except for bind). 1: named; 0: unnamed; -1: unresolvable. */
static int unix_name(const at_tracee *t, net_dest *nd) {
  size_t off = offsetof(struct sockaddr_un, sun_path);
  if (nd->len <= off) return 0;
  const char *sp = (const char *)nd->sa + off;
  size_t n = nd->len - off;
  if (sp[0] == 0) {
    size_t o = 0;
    nd->upath[o++] = '@';
    for (size_t i = 1; i < n && o + 3 < sizeof(nd->upath); i++) {
      if (sp[i]) nd->upath[o++] = sp[i];
      else {
        nd->upath[o++] = '\\';
        nd->upath[o++] = '0';
      }
    }
    nd->upath[o] = 0;
    return 1;
  }
  char raw[sizeof(((struct sockaddr_un *)0)->sun_path) + 1];
  size_t k = 0;
  while (k < n && k < sizeof(raw) - 1 && sp[k]) {
    raw[k] = sp[k];
    k++;
  }
  raw[k] = 0;
  int r = at_path_resolve(t, AT_FDCWD, raw, nd->unix_op != AT_UNIX_BIND, nd->upath, sizeof(nd->upath));
  return r == 0 ? 1 : -1;
}

static int judge_unix(const at_tracee *t, net_dest *nd, at_event *e, at_verdict *v) {
  int named = unix_name(t, nd);
  if (named == 0) return NET_PASS;
  e->type = "unix_socket";
  e->operation = nd->unix_op == AT_UNIX_CONNECT ? "connect" : nd->unix_op == AT_UNIX_BIND ? "bind" : "sendto";
  if (named < 0) {
    e->path = "?";
    builtin(v, AT_D_DENY, "unix-path-unresolvable");
    return NET_DENY;
  }
  e->path = nd->upath;
  at_decide_unix(at_sess.table, nd->upath, nd->unix_op, v);
  if (v->effective == AT_D_ALLOW || v->effective == AT_D_AUDIT) return NET_ALLOW;
  return v->effective == AT_D_APPROVE ? NET_APPROVE : NET_DENY;
}

/* The action for a network verdict. A redirect rewrites nd (connects and sends); for a bind
 * (nd NULL) or a target that does not fit, it denies. */
static int action_of(net_dest *nd, at_event *e, at_verdict *v) {
  switch (v->effective) {
  case AT_D_ALLOW:
  case AT_D_AUDIT:
    return NET_ALLOW;
  case AT_D_APPROVE:
    return NET_APPROVE;
  case AT_D_REDIRECT:
    if (!nd || !v->conn_redirect || redirect_to(nd, v->conn_redirect) != 0) {
      e->note = nd ? "connect redirect target is not an IP literal of the socket's family: denied"
                   : "a connect redirect matched a bind: denied";
      v->effective = AT_D_DENY;
      return NET_DENY;
    }
    nd->redirected = 1;
    e->note = v->conn_redirect->redirect_to;
    return NET_ALLOW;
  default:
    return NET_DENY;
  }
}

/* An IP bind: judged by the network rules on (address, port) like agentsh does, except port 0 (the
 * kernel picks an ephemeral port; nothing is exposed that a later connect/send is not judged for). */
static int judge_bind(net_dest *nd, at_event *e, at_verdict *v) {
  e->family = nd->family;
  e->address = nd->text;
  e->port = nd->d.port;
  e->operation = "bind";
  if (nd->d.port == 0) {
    builtin(v, AT_D_ALLOW, "ephemeral-port");
    return NET_ALLOW;
  }
  at_decide_net(at_sess.table, &nd->d, v);
  return action_of(NULL, e, v);
}

/* Decides one destination; fills the event. */
static int judge(const at_tracee *t, net_dest *nd, at_event *e, at_verdict *v) {
  sa_family_t fam;
  memcpy(&fam, nd->sa, sizeof(fam));
  if (fam == AF_UNIX) return at_sess.table->stop & AT_STOP_UNIX ? judge_unix(t, nd, e, v) : NET_QUIET;
  if (!parse(nd)) return NET_QUIET;
  if (nd->unix_op == AT_UNIX_BIND) return at_sess.table->stop & AT_STOP_NETWORK ? judge_bind(nd, e, v) : NET_PASS;
  if (is_dns_listener(nd)) return NET_PASS;
  e->family = nd->family;
  e->address = nd->text;
  e->port = nd->d.port;
  if (nd->d.port == 53 && (at_sess.dns4.sin_port || at_sess.dns6.sin6_port)) {
    memcpy(nd->orig, nd->sa, nd->len);
    if (steer(nd) != 0) {
      builtin(v, AT_D_DENY, "dns-steer-failed");
      e->note = "no session DNS listener for this address family";
      return NET_DENY;
    }
    nd->steered = 1;
    builtin(v, AT_D_ALLOW, "dns-to-session-proxy");
    e->note = "steered to the session DNS proxy";
    return NET_ALLOW;
  }
  if (!(at_sess.table->stop & AT_STOP_NETWORK)) return NET_PASS;
  nd->d.names = at_names_get(nd->d.v, nd->d.addr, &nd->d.nnames);
  e->names = nd->d.names;
  e->nnames = (int)nd->d.nnames;
  at_decide_net(at_sess.table, &nd->d, v);
  return action_of(nd, e, v);
}

static void deny(at_tracee *t, struct user_regs_struct *r, const at_event *e, at_verdict *v) {
  at_sess.denies++;
  v->effective = AT_D_DENY;
  at_emit(t, e, v);
  at_regs_fail(t, r, -EACCES);
}

static void read_dest(at_tracee *t, uint64_t addr, uint64_t len, net_dest *nd, int *ok, uint32_t unix_op) {
  memset(nd, 0, sizeof(*nd));
  nd->is_send = unix_op == AT_UNIX_SENDTO;
  nd->unix_op = unix_op;
  *ok = 0;
  if (!addr || len < sizeof(sa_family_t) || len > AT_SA_MAX) return; /* the kernel refuses or sends nowhere new */
  nd->len = (size_t)len;
  *ok = at_mem_read(t, addr, nd->sa, nd->len) == (ssize_t)nd->len;
}

static void stop_mmsg(at_tracee *t, struct user_regs_struct *r, at_event *e) {
  static struct mmsghdr vec[AT_MMSG_MAX];
  uint64_t n = at_arg(r, 2) > AT_MMSG_MAX ? AT_MMSG_MAX : at_arg(r, 2);
  ssize_t got = n ? at_mem_read(t, at_arg(r, 1), vec, n * sizeof(vec[0])) : 0;
  if (got < 0 || (size_t)got < n * sizeof(vec[0])) {
    at_resume(t->tid, 0); /* unreadable: the kernel fails it with EFAULT */
    return;
  }
  for (uint64_t i = 0; i < n; i++) {
    net_dest nd;
    int ok;
    uint64_t name = (uint64_t)(uintptr_t)vec[i].msg_hdr.msg_name;
    if (!name) continue;
    read_dest(t, name, vec[i].msg_hdr.msg_namelen, &nd, &ok, AT_UNIX_SENDTO);
    at_event ev = *e;
    at_verdict v;
    int act = ok ? judge(t, &nd, &ev, &v) : NET_QUIET;
    if (at_tracee_memory_shared(t)) { /* pinning a whole vector is not done yet: fail closed */
      builtin(&v, AT_D_DENY, "net-pin-unsupported");
      ev.note = "sendmmsg with destinations from a process whose memory another thread can write";
      act = NET_DENY;
    }
    if (act == NET_QUIET || act == NET_PASS) continue;
    if (act == NET_APPROVE) {
      ev.note = "approvals for sendmmsg destinations are not supported: denied";
      act = NET_DENY;
    }
    if (act == NET_ALLOW && (nd.steered || nd.redirected) &&
        at_mem_write(t, (uint64_t)(uintptr_t)vec[i].msg_hdr.msg_name, nd.sa, nd.len) != 0) {
      builtin(&v, AT_D_DENY, "dns-steer-failed");
      act = NET_DENY;
    }
    if (act == NET_DENY) {
      deny(t, r, &ev, &v);
      return;
    }
    if (nd.steered) at_net_steered(t, (int)at_arg(r, 0), nd.orig, nd.len);
    at_emit(t, &ev, &v);
  }
  at_resume(t->tid, 0);
}

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
    stop_mmsg(t, r, &e);
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
  net_dest nd;
  int ok;
  read_dest(t, sa_addr, sa_len, &nd, &ok,
            nr == SYS_connect ? AT_UNIX_CONNECT : nr == SYS_bind ? AT_UNIX_BIND : AT_UNIX_SENDTO);
  at_verdict v;
  int act = ok ? judge(t, &nd, &e, &v) : NET_QUIET;
  int shared = at_tracee_memory_shared(t);
  int bad_len = sa_len < sizeof(sa_family_t) || sa_len > AT_SA_MAX; /* the kernel refuses these */
  if (act == NET_QUIET && (!shared || !sa_addr || bad_len)) {
    at_resume(t->tid, 0); /* no destination, another family, or the kernel refuses it */
    return;
  }
  if (act == NET_QUIET && !ok) {
    builtin(&v, AT_D_DENY, "net-pin-failed");
    deny(t, r, &e, &v);
    return;
  }
  if (act == NET_DENY) {
    deny(t, r, &e, &v);
    return;
  }
  /* an approval wait is a window too: the checked sockaddr is always pinned then */
  int pin = shared || act == NET_APPROVE;
  /* the mapping first: the syscall restarts and is judged again after it */
  if (pin && !at_scratch_addr(t) && !at_scratch_failed(t) && at_scratch_inject(t, r) == 0) return;
  if ((nd.steered || nd.redirected) && at_mem_write(t, sa_addr, nd.sa, nd.len) != 0) {
    builtin(&v, AT_D_DENY, "dns-steer-failed");
    deny(t, r, &e, &v);
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
      builtin(&v, AT_D_DENY, "net-pin-failed");
      deny(t, r, &e, &v);
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
