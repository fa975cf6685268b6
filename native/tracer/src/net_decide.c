/* Socket decisions. Unix sockets: first rule listing the operation whose path globs match.
 * Network decisions: first network rule whose non-empty selectors all match (ports, domains against
 * the address text and the names that resolved to it, CIDRs on the address), as @agentsh/policy's
 * evaluate-compiled.ts; none -> deny 'default-deny-network'. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

int at_cidr_parse(const char *s, at_cidr *out) {
  char buf[64];
  const char *slash = strchr(s, '/');
  size_t n = slash ? (size_t)(slash - s) : strlen(s);
  if (n == 0 || n >= sizeof(buf)) return -1;
  memcpy(buf, s, n);
  buf[n] = 0;
  memset(out, 0, sizeof(*out));
  if (inet_pton(AF_INET, buf, out->addr) == 1) out->v = 4;
  else if (inet_pton(AF_INET6, buf, out->addr) == 1) out->v = 6;
  else return -1;
  int max = out->v == 4 ? 32 : 128;
  out->bits = max;
  if (slash) {
    char *end;
    long b = strtol(slash + 1, &end, 10);
    if (*end || end == slash + 1 || b < 0 || b > max) return -1;
    out->bits = (int)b;
  }
  return 0;
}

int at_cidr_contains(const at_cidr *c, int v, const uint8_t *addr) {
  if (c->v != v) return 0;
  int bits = c->bits;
  for (int i = 0; bits > 0; i++, bits -= 8) {
    uint8_t mask = bits >= 8 ? 0xff : (uint8_t)(0xff << (8 - bits));
    if ((c->addr[i] & mask) != (addr[i] & mask)) return 0;
  }
  return 1;
}

/* Lower-cases a name, drops one trailing dot and turns '.' into '/' (see at_net_rule). */
static void glob_form(const char *s, char *out, size_t cap) {
  size_t i = 0;
  for (; s[i] && i + 1 < cap; i++) out[i] = s[i] == '.' ? '/' : (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
  out[i] = 0;
  if (i > 1 && out[i - 1] == '/') out[i - 1] = 0;
}

static int domain_match(const at_net_rule *n, const at_net_dest *d) {
  char name[300];
  for (size_t k = 0; k <= d->nnames; k++) {
    const char *s = k == 0 ? d->text : d->names[k - 1];
    if (!s) continue;
    glob_form(s, name, sizeof(name));
    for (size_t i = 0; i < n->ndomains; i++)
      if (at_glob_match(&n->domains[i], name)) return 1;
  }
  return 0;
}

void at_decide_unix(const at_table *t, const char *path, uint32_t op, at_verdict *out) {
  memset(out, 0, sizeof(*out));
  for (size_t i = 0; i < t->nunix; i++) {
    const at_unix_rule *u = &t->unx[i];
    if (!(u->ops & op)) continue;
    size_t k = 0;
    while (k < u->npaths && !at_glob_match(&u->paths[k], path)) k++;
    if (k == u->npaths) continue;
    out->decision = u->base.decision;
    out->effective = u->base.effective;
    out->rule = u->base.name;
    out->timeout_ms = u->base.timeout_ms;
    return;
  }
  out->decision = out->effective = AT_D_DENY;
  out->rule = "default-deny-unix";
}

static int redirect_matches(const at_conn_redirect *c, const char *host, int bracket, int port) {
  char hp[320];
  snprintf(hp, sizeof(hp), bracket ? "[%s]:%d" : "%s:%d", host, port);
  return c->re_ok && regexec(&c->re, hp, 0, NULL, 0) == 0;
}

static void connect_redirect(const at_table *t, const at_net_dest *d, at_verdict *out) {
  for (size_t i = 0; i < t->nconn; i++) {
    const at_conn_redirect *c = &t->conn[i];
    int hit = redirect_matches(c, d->text, d->v == 6, d->port);
    for (size_t k = 0; !hit && k < d->nnames; k++) hit = redirect_matches(c, d->names[k], 0, d->port);
    if (!hit) continue;
    out->decision = out->effective = AT_D_REDIRECT;
    out->rule = c->name;
    out->timeout_ms = 0;
    out->conn_redirect = c;
    return;
  }
}

void at_decide_net(const at_table *t, const at_net_dest *d, at_verdict *out) {
  memset(out, 0, sizeof(*out));
  for (size_t i = 0; i < t->nnet; i++) {
    const at_net_rule *n = &t->net[i];
    if (n->nports) {
      size_t k = 0;
      while (k < n->nports && n->ports[k] != (uint32_t)d->port) k++;
      if (k == n->nports) continue;
    }
    if (n->ndomains && !domain_match(n, d)) continue;
    if (n->ncidrs) {
      size_t k = 0;
      while (k < n->ncidrs && !at_cidr_contains(&n->cidrs[k], d->v, d->addr)) k++;
      if (k == n->ncidrs) continue;
    }
    out->decision = n->base.decision;
    out->effective = n->base.effective;
    out->rule = n->base.name;
    out->timeout_ms = n->base.timeout_ms;
    if (out->effective == AT_D_ALLOW) connect_redirect(t, d, out);
    return;
  }
  out->decision = out->effective = AT_D_DENY;
  out->rule = "default-deny-network";
}
