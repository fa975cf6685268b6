/* Reading and rewriting the socket addresses of network stops: IP destinations parsed (IPv4-mapped
 * IPv6 as IPv4), port-53 destinations steered to the session DNS proxy, connect redirects applied,
 * AF_UNIX names resolved like the kernel will. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "net_sock.h"
#include "path.h"

static const uint8_t mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

int at_sock_read(at_tracee *t, uint64_t addr, uint64_t len, at_sock *nd, uint32_t unix_op) {
  memset(nd, 0, sizeof(*nd));
  nd->is_send = unix_op == AT_UNIX_SENDTO;
  nd->unix_op = unix_op;
  if (!addr || len < sizeof(sa_family_t) || len > AT_SA_MAX) return 0; /* the kernel refuses or sends nowhere new */
  nd->len = (size_t)len;
  return at_mem_read(t, addr, nd->sa, nd->len) == (ssize_t)nd->len;
}

/* 1: an IP destination parsed into nd->d; 0: another family or too short (the kernel decides). */
int at_sock_parse(at_sock *nd) {
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

int at_sock_is_dns_listener(const at_sock *nd) {
  const at_session *s = &at_sess;
  if (nd->d.v == 4)
    return s->dns4.sin_port && nd->d.port == ntohs(s->dns4.sin_port) && memcmp(nd->d.addr, &s->dns4.sin_addr, 4) == 0;
  return s->dns6.sin6_port && nd->d.port == ntohs(s->dns6.sin6_port) &&
         memcmp(nd->d.addr, s->dns6.sin6_addr.s6_addr, 16) == 0;
}

/* Rewrites nd->sa to the session DNS proxy. 0, or -1 when no listener fits the family. */
int at_sock_steer(at_sock *nd) {
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

/* Rewrites nd->sa to a connect redirect's target (same family; IPv4 targets as ::ffff:a.b.c.d on
 * IPv6 sockets). 0, or -1 when the target is no IP literal or does not fit the socket's family. */
int at_sock_redirect(at_sock *nd, const at_conn_redirect *c) {
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
int at_sock_unix_name(const at_tracee *t, at_sock *nd) {
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
