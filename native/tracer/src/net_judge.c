/* Network verdicts: unix socket rules, IP binds, and connects/sends (port 53 steered to the session
 * DNS proxy first, then the network rules with the names learnt for the address). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "net_names.h"
#include "net_sock.h"

void at_net_builtin(at_verdict *v, int decision, const char *rule) {
  memset(v, 0, sizeof(*v));
  v->decision = v->effective = decision;
  v->rule = rule;
}

void at_net_deny(at_tracee *t, struct user_regs_struct *r, const at_event *e, at_verdict *v) {
  v->effective = AT_D_DENY;
  at_apply(t, r, e, v, EACCES);
}

static int judge_unix(const at_tracee *t, at_sock *nd, at_event *e, at_verdict *v) {
  int named = at_sock_unix_name(t, nd);
  if (named == 0) return NET_PASS;
  e->type = "unix_socket";
  e->operation = nd->unix_op == AT_UNIX_CONNECT ? "connect" : nd->unix_op == AT_UNIX_BIND ? "bind" : "sendto";
  if (named < 0) {
    e->path = "?";
    at_net_builtin(v, AT_D_DENY, "unix-path-unresolvable");
    return NET_DENY;
  }
  e->path = nd->upath;
  at_decide_unix(at_sess.table, nd->upath, nd->unix_op, v);
  if (v->effective == AT_D_ALLOW || v->effective == AT_D_AUDIT) return NET_ALLOW;
  return v->effective == AT_D_APPROVE ? NET_APPROVE : NET_DENY;
}

/* The action for a network verdict. A redirect rewrites nd (connects and sends); for a bind
 * (nd NULL) or a target that does not fit, it denies. */
static int action_of(at_sock *nd, at_event *e, at_verdict *v) {
  switch (v->effective) {
  case AT_D_ALLOW:
  case AT_D_AUDIT:
    return NET_ALLOW;
  case AT_D_APPROVE:
    return NET_APPROVE;
  case AT_D_REDIRECT:
    if (!nd || !v->conn_redirect || at_sock_redirect(nd, v->conn_redirect) != 0) {
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
static int judge_bind(at_sock *nd, at_event *e, at_verdict *v) {
  e->family = nd->family;
  e->address = nd->text;
  e->port = nd->d.port;
  e->operation = "bind";
  if (nd->d.port == 0) {
    at_net_builtin(v, AT_D_ALLOW, "ephemeral-port");
    return NET_ALLOW;
  }
  at_decide_net(at_sess.table, &nd->d, v);
  return action_of(NULL, e, v);
}

/* Decides one destination; fills the event. */
int at_net_judge(const at_tracee *t, at_sock *nd, at_event *e, at_verdict *v) {
  sa_family_t fam;
  memcpy(&fam, nd->sa, sizeof(fam));
  if (fam == AF_UNIX) return at_sess.table->stop & AT_STOP_UNIX ? judge_unix(t, nd, e, v) : NET_QUIET;
  if (!at_sock_parse(nd)) return NET_QUIET;
  if (nd->unix_op == AT_UNIX_BIND) return at_sess.table->stop & AT_STOP_NETWORK ? judge_bind(nd, e, v) : NET_PASS;
  if (at_sock_is_dns_listener(nd)) return NET_PASS;
  e->family = nd->family;
  e->address = nd->text;
  e->port = nd->d.port;
  if (nd->d.port == 53 && (at_sess.dns4.sin_port || at_sess.dns6.sin6_port)) {
    memcpy(nd->orig, nd->sa, nd->len);
    if (at_sock_steer(nd) != 0) {
      at_net_builtin(v, AT_D_DENY, "dns-steer-failed");
      e->note = "no session DNS listener for this address family";
      return NET_DENY;
    }
    nd->steered = 1;
    at_net_builtin(v, AT_D_ALLOW, "dns-to-session-proxy");
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
