/* Answers from the session DNS proxy, read with recvfrom on a socket whose port-53 destination was
 * steered, show the address the resolver sent to, not the proxy's: resolvers that keep their own
 * copy of the server address (c-ares) drop replies from any other source. Only replies whose source
 * is the proxy are rewritten, so a stale (tgid, fd) entry after the fd was reused is harmless. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "stops.h"

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

void at_stop_recv(at_tracee *t, struct user_regs_struct *r) {
  steered *s = find(t->tgid, (int)at_arg(r, 0));
  if (!s || !at_arg(r, 4) || !at_arg(r, 5)) {
    at_resume(t->tid, 0);
    return;
  }
  t->recv_addr = at_arg(r, 4);
  t->recv_lenp = at_arg(r, 5);
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

void at_recv_exit(at_tracee *t, struct user_regs_struct *r) {
  if ((long)r->rax == -ENOSYS) { /* gVisor: an enter-stop comes first */
    at_resume_syscall(t->tid);
    return;
  }
  t->wait = AT_WAIT_NONE;
  socklen_t got = 0;
  uint8_t sa[128];
  if ((long)r->rax >= 0 && at_mem_read(t, t->recv_lenp, &got, sizeof(got)) == (ssize_t)sizeof(got) &&
      got >= sizeof(sa_family_t) && got <= sizeof(sa) && at_mem_read(t, t->recv_addr, sa, got) == (ssize_t)got &&
      from_proxy(sa, got)) {
    /* the caller's buffer held at least `got` bytes; the kernel reports the full length */
    size_t n = t->recv_len < got ? t->recv_len : got;
    socklen_t full = t->recv_len;
    at_mem_write(t, t->recv_addr, t->recv_orig, n);
    at_mem_write(t, t->recv_lenp, &full, sizeof(full));
  }
  at_resume(t->tid, 0);
}
