/* A socket address a tracee passed to connect, bind or a send, as the tracer reads, judges and
 * rewrites it (net_sock.c), and the network verdict's action (net_judge.c). */
#ifndef AT_NET_SOCK_H
#define AT_NET_SOCK_H

#include <arpa/inet.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "stops.h"

#define AT_SA_MAX 128

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
  int is_send;              /* sendto/sendmsg: AF_UNSPEC is sent as AF_INET by UDP */
  uint32_t unix_op;         /* AT_UNIX_* of this syscall */
  uint8_t orig[AT_SA_MAX];  /* before steering */
  int redirected;           /* a connect redirect rewrote sa */
  char upath[PATH_MAX + 8]; /* AF_UNIX: resolved path or '@abstract' */
} at_sock;

/* Reads the sockaddr at addr (len bytes) into nd for a syscall of kind unix_op; 1 when read, 0 when
 * there is none or the kernel would refuse its length. */
int at_sock_read(at_tracee *t, uint64_t addr, uint64_t len, at_sock *nd, uint32_t unix_op);
/* 1: an IP destination parsed into s->d; 0: another family or too short (the kernel decides). */
int at_sock_parse(at_sock *s);
/* 1 when s is the session DNS proxy's own listener. */
int at_sock_is_dns_listener(const at_sock *s);
/* Rewrites s->sa to the session DNS proxy. 0, or -1 when no listener fits the family. */
int at_sock_steer(at_sock *s);
/* Rewrites s->sa to a connect redirect's target; 0, or -1 when it does not fit the socket. */
int at_sock_redirect(at_sock *s, const at_conn_redirect *c);
/* The AF_UNIX name ('@abstract' or the resolved path). 1: named; 0: unnamed; -1: unresolvable. */
int at_sock_unix_name(const at_tracee *t, at_sock *s);

/* Fills a built-in verdict (no policy rule). */
void at_net_builtin(at_verdict *v, int decision, const char *rule);
/* Denies the syscall with EACCES and emits the event. */
void at_net_deny(at_tracee *t, struct user_regs_struct *r, const at_event *e, at_verdict *v);
/* Decides one destination (steering port 53 first); fills the event; NET_*. */
int at_net_judge(const at_tracee *t, at_sock *s, at_event *e, at_verdict *v);

#endif
