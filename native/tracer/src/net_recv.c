/* Answers from the session DNS proxy, read on a socket whose port-53 destination was steered, show
 * the address the resolver sent to, not the proxy's: resolvers that keep their own copy of the server
 * address (c-ares) drop replies from any other source. recvfrom, recvmsg and recvmmsg (the first
 * AT_RECV_VEC messages) are handled at the syscall's exit. Only sources equal to the proxy are
 * rewritten, so a stale (tgid, fd) entry after the fd was reused is harmless, and never more bytes
 * than the caller's buffer holds (its capacity is read at the enter stop). */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "stops.h"
#include "sysnr.h"

#define AT_STEERED_MAX 256

typedef struct {
  pid_t tgid;
  int fd;
  uint8_t orig[28];
  uint32_t len;
} steered;

static steered tab[AT_STEERED_MAX];
static unsigned next_slot;

static steered *find(pid_t tgid, int fd) {
  for (unsigned i = 0; i < AT_STEERED_MAX; i++)
    if (tab[i].tgid == tgid && tab[i].fd == fd && tab[i].len) return &tab[i];
  return NULL;
}

void at_net_steered(const at_tracee *t, int fd, const uint8_t *orig, size_t len) {
  steered *s = find(t->tgid, fd);
  if (!s) s = &tab[next_slot++ % AT_STEERED_MAX];
  s->tgid = t->tgid;
  s->fd = fd;
  s->len = (uint32_t)(len < sizeof(s->orig) ? len : sizeof(s->orig));
  memcpy(s->orig, orig, s->len);
}

/* The caller's msghdr (recvmsg) or its first n mmsghdrs (recvmmsg) in one read; 0 or -1. A recvmsg's
 * msghdr lands in v[0].msg_hdr (an mmsghdr begins with one), so both are indexed the same way. */
static int read_msgs(at_tracee *t, struct mmsghdr *v, unsigned n) {
  size_t len = t->recv_nr == SYS_recvmsg ? sizeof(struct msghdr) : n * sizeof(struct mmsghdr);
  return n > 0 && at_mem_read(t, t->recv_addr, v, len) == (ssize_t)len ? 0 : -1;
}

/* Reads the source buffer capacities at the enter stop; 0 when nothing can be rewritten. */
static int read_caps(at_tracee *t, const struct user_regs_struct *r) {
  uint64_t a = at_arg(r, 1);
  if (t->recv_nr == SYS_recvfrom) {
    t->recv_addr = at_arg(r, 4);
    t->recv_lenp = at_arg(r, 5);
    socklen_t cap = 0;
    if (at_mem_read(t, t->recv_lenp, &cap, sizeof(cap)) != (ssize_t)sizeof(cap)) return 0;
    t->recv_caps[0] = cap;
    return t->recv_addr && t->recv_lenp && cap > 0;
  }
  t->recv_addr = a;
  t->recv_n = t->recv_nr == SYS_recvmsg ? 1 : (unsigned)(at_arg(r, 2) < AT_RECV_VEC ? at_arg(r, 2) : AT_RECV_VEC);
  struct mmsghdr v[AT_RECV_VEC];
  if (read_msgs(t, v, t->recv_n) != 0) return 0;
  for (unsigned i = 0; i < t->recv_n; i++) t->recv_caps[i] = v[i].msg_hdr.msg_name ? v[i].msg_hdr.msg_namelen : 0;
  return t->recv_n > 0;
}

void at_stop_recv(at_tracee *t, struct user_regs_struct *r) {
  steered *s = find(t->tgid, (int)at_arg(r, 0));
  t->recv_nr = (long)r->orig_rax;
  if (!s || !read_caps(t, r)) {
    at_resume(t->tid, 0);
    return;
  }
  t->recv_len = s->len;
  memcpy(t->recv_orig, s->orig, s->len);
  t->wait = AT_WAIT_RECV_EXIT;
  if (at_resume_syscall(t->tid) != 0) t->wait = AT_WAIT_NONE;
}

static int from_proxy(const uint8_t *sa, size_t len) {
  sa_family_t fam;
  memcpy(&fam, sa, sizeof(fam));
  const at_session *s = &at_sess;
  if (fam == AF_INET && len >= sizeof(struct sockaddr_in)) {
    struct sockaddr_in in;
    memcpy(&in, sa, sizeof(in));
    return s->dns4.sin_port && in.sin_port == s->dns4.sin_port && in.sin_addr.s_addr == s->dns4.sin_addr.s_addr;
  }
  if (fam == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
    struct sockaddr_in6 in6;
    memcpy(&in6, sa, sizeof(in6));
    if (s->dns6.sin6_port && in6.sin6_port == s->dns6.sin6_port &&
        memcmp(&in6.sin6_addr, &s->dns6.sin6_addr, 16) == 0)
      return 1;
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return s->dns4.sin_port && in6.sin6_port == s->dns4.sin_port && memcmp(in6.sin6_addr.s6_addr, mapped, 12) == 0 &&
           memcmp(in6.sin6_addr.s6_addr + 12, &s->dns4.sin_addr, 4) == 0;
  }
  return 0;
}

/* One received source: `got` is the length the kernel reported, cap what the buffer holds. lenp is
 * where the reported length lives (recvfrom's addrlen or msg_namelen). */
static void rewrite(at_tracee *t, uint64_t addr, uint64_t lenp, socklen_t got, uint32_t cap) {
  uint8_t sa[128];
  size_t seen = got < cap ? got : cap; /* the kernel copied at most cap bytes */
  if (!addr || seen < sizeof(sa_family_t) || seen > sizeof(sa)) return;
  if (at_mem_read(t, addr, sa, seen) != (ssize_t)seen || !from_proxy(sa, got)) return;
  socklen_t full = t->recv_len;
  at_mem_write(t, addr, t->recv_orig, t->recv_len < cap ? t->recv_len : cap);
  at_mem_write(t, lenp, &full, sizeof(full));
}

static void rewrite_msgs(at_tracee *t, unsigned n) {
  struct mmsghdr v[AT_RECV_VEC];
  if (n > t->recv_n) n = t->recv_n;
  if (read_msgs(t, v, n) != 0) return;
  for (unsigned i = 0; i < n; i++) {
    uint64_t at = t->recv_addr + i * sizeof(struct mmsghdr);
    rewrite(t, (uint64_t)(uintptr_t)v[i].msg_hdr.msg_name, at + offsetof(struct msghdr, msg_namelen),
            v[i].msg_hdr.msg_namelen, t->recv_caps[i]);
  }
}

void at_recv_exit(at_tracee *t, struct user_regs_struct *r) {
  if ((long)r->rax == -ENOSYS) { /* gVisor: an enter-stop comes first */
    at_resume_syscall(t->tid);
    return;
  }
  t->wait = AT_WAIT_NONE;
  long ret = (long)r->rax;
  if (ret >= 0 && t->recv_nr == SYS_recvfrom) {
    socklen_t got = 0;
    if (at_mem_read(t, t->recv_lenp, &got, sizeof(got)) == (ssize_t)sizeof(got))
      rewrite(t, t->recv_addr, t->recv_lenp, got, t->recv_caps[0]);
  } else if (ret >= 0) {
    rewrite_msgs(t, t->recv_nr == SYS_recvmsg ? 1 : (unsigned)ret);
  }
  at_resume(t->tid, 0);
}
