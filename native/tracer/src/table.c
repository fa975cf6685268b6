/* Decodes the binary policy table made by @agentsh/tracer's encodeTable().
 * Layout (little-endian): u32 magic "ATB4", u32 stop bits, str name, then file, command and
 * signal rule lists, each prefixed by a u32 count, then (ATB2+) network rules: base, domain
 * globs, u32 count + u32 ports, cidr strings, then (ATB3) unix socket rules: base, u32 op mask, path globs, then (ATB4) connect redirects: name, ERE,
 * redirectTo, u32 case-insensitive. A str is u32 length + bytes. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

#define AT_TABLE_MAGIC 0x34425441u /* "ATB4" */
#define AT_TABLE_MAX_COUNT 100000u

typedef struct {
  const uint8_t *p, *end;
  const char *err;
} reader;

static uint32_t rd_u32(reader *r) {
  if (r->err) return 0;
  if (r->end - r->p < 4) {
    r->err = "table truncated";
    return 0;
  }
  uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
  r->p += 4;
  return v;
}

static uint32_t rd_count(reader *r) {
  uint32_t n = rd_u32(r);
  if (n > AT_TABLE_MAX_COUNT && !r->err) r->err = "table count too large";
  return r->err ? 0 : n;
}

static char *rd_str(reader *r, int lower) {
  uint32_t n = rd_u32(r);
  if (r->err) return NULL;
  if ((uint32_t)(r->end - r->p) < n) {
    r->err = "table string truncated";
    return NULL;
  }
  char *s = malloc(n + 1);
  if (!s) {
    r->err = "out of memory";
    return NULL;
  }
  for (uint32_t i = 0; i < n; i++) s[i] = lower ? (char)tolower(r->p[i]) : (char)r->p[i];
  s[n] = 0;
  r->p += n;
  return s;
}

static char **rd_strs(reader *r, size_t *n, int lower) {
  *n = rd_count(r);
  char **v = calloc(*n + 1, sizeof(char *));
  if (!v) r->err = "out of memory";
  for (size_t i = 0; v && i < *n && !r->err; i++) v[i] = rd_str(r, lower);
  return v;
}

static at_glob *rd_globs(reader *r, size_t *n, int lower) {
  *n = rd_count(r);
  at_glob *v = calloc(*n + 1, sizeof(at_glob));
  if (!v) r->err = "out of memory";
  for (size_t i = 0; v && i < *n && !r->err; i++) {
    char *s = rd_str(r, 0);
    if (s && at_glob_compile(&v[i], s, lower) != 0) r->err = "glob too complex";
    free(s);
  }
  return v;
}

static void rd_base(reader *r, at_rule_base *b) {
  b->name = rd_str(r, 0);
  b->decision = (int)rd_u32(r);
  b->effective = (int)rd_u32(r);
  b->timeout_ms = rd_u32(r);
  if (!r->err && (b->decision > AT_D_SOFT_DELETE || b->effective > AT_D_SOFT_DELETE)) r->err = "bad decision";
}

static void rd_file_rule(reader *r, at_file_rule *f) {
  rd_base(r, &f->base);
  f->ops = rd_u32(r);
  f->redirect_to = rd_str(r, 0);
  if (f->redirect_to && !f->redirect_to[0]) {
    free(f->redirect_to);
    f->redirect_to = NULL;
  }
  f->preserve_tree = (int)rd_u32(r);
  f->globs = rd_globs(r, &f->nglobs, 0);
}

static void rd_cmd_rule(reader *r, at_cmd_rule *c) {
  rd_base(r, &c->base);
  c->any_command = (int)rd_u32(r);
  c->min_depth = (int)rd_u32(r);
  c->max_depth = (int)rd_u32(r);
  c->full_paths = rd_strs(r, &c->nfull, 1);
  c->path_globs = rd_globs(r, &c->npath_globs, 1);
  c->names = rd_strs(r, &c->nnames, 1);
  c->name_globs = rd_globs(r, &c->nname_globs, 1);
  c->nargs = rd_count(r);
  c->args = calloc(c->nargs + 1, sizeof(at_arg_re));
  for (size_t i = 0; c->args && i < c->nargs && !r->err; i++) {
    char *ere = rd_str(r, 0);
    int ci = (int)rd_u32(r);
    if (ere && !r->err) {
      int flags = REG_EXTENDED | REG_NOSUB | (ci ? REG_ICASE : 0);
      if (regcomp(&c->args[i].re, ere, flags) != 0) r->err = "bad args pattern";
      else c->args[i].ok = 1;
    }
    free(ere);
  }
  c->redirect_command = rd_str(r, 0);
  if (c->redirect_command && !c->redirect_command[0]) {
    free(c->redirect_command);
    c->redirect_command = NULL;
  }
  c->redirect_args = rd_strs(r, &c->nredirect_args, 0);
  c->redirect_append = rd_strs(r, &c->nredirect_append, 0);
}

static void rd_sig_rule(reader *r, at_sig_rule *s) {
  rd_base(r, &s->base);
  size_t n = rd_count(r);
  for (size_t i = 0; i < n && !r->err; i++) {
    uint32_t sig = rd_u32(r);
    if (sig >= 1 && sig <= 63) s->signals |= 1ull << sig;
  }
  s->target_type = rd_str(r, 0);
  s->pattern = rd_str(r, 0);
  s->has_min = (int)rd_u32(r);
  s->min = (int)rd_u32(r);
  s->has_max = (int)rd_u32(r);
  s->max = (int)rd_u32(r);
}

static void rd_net_rule(reader *r, at_net_rule *n) {
  rd_base(r, &n->base);
  n->ndomains = rd_count(r);
  n->domains = calloc(n->ndomains + 1, sizeof(at_glob));
  if (!n->domains) r->err = "out of memory";
  for (size_t i = 0; n->domains && i < n->ndomains && !r->err; i++) {
    char *s = rd_str(r, 1);
    for (char *p = s; p && *p; p++)
      if (*p == '.') *p = '/';
    if (s && at_glob_compile(&n->domains[i], s, 1) != 0) r->err = "glob too complex";
    free(s);
  }
  n->nports = rd_count(r);
  n->ports = calloc(n->nports + 1, sizeof(uint32_t));
  if (!n->ports) r->err = "out of memory";
  for (size_t i = 0; n->ports && i < n->nports && !r->err; i++) n->ports[i] = rd_u32(r);
  n->ncidrs = rd_count(r);
  n->cidrs = calloc(n->ncidrs + 1, sizeof(at_cidr));
  if (!n->cidrs) r->err = "out of memory";
  for (size_t i = 0; n->cidrs && i < n->ncidrs && !r->err; i++) {
    char *s = rd_str(r, 0);
    if (s && at_cidr_parse(s, &n->cidrs[i]) != 0) r->err = "bad cidr";
    free(s);
  }
}

static void rd_conn(reader *r, at_conn_redirect *c) {
  c->name = rd_str(r, 0);
  char *ere = rd_str(r, 0);
  c->redirect_to = rd_str(r, 0);
  int ci = (int)rd_u32(r);
  if (ere && !r->err) {
    if (regcomp(&c->re, ere, REG_EXTENDED | REG_NOSUB | (ci ? REG_ICASE : 0)) != 0) r->err = "bad connect redirect pattern";
    else c->re_ok = 1;
  }
  free(ere);
  const char *to = c->redirect_to;
  const char *colon = to ? strrchr(to, ':') : NULL;
  if (!colon || r->err) return;
  char host[64];
  size_t n = (size_t)(colon - to);
  const char *h = to;
  if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
    h++;
    n -= 2;
  }
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (n == 0 || n >= sizeof(host) || *end || port <= 0 || port > 65535) return;
  memcpy(host, h, n);
  host[n] = 0;
  if (inet_pton(AF_INET, host, c->to_addr) == 1) c->to_v = 4;
  else if (inet_pton(AF_INET6, host, c->to_addr) == 1) c->to_v = 6;
  c->to_port = (int)port;
}

at_table *at_table_decode(const uint8_t *blob, size_t len, const char **err) {
  reader r = {blob, blob + len, NULL};
  at_table *t = calloc(1, sizeof(*t));
  if (!t) {
    *err = "out of memory";
    return NULL;
  }
  if (rd_u32(&r) != AT_TABLE_MAGIC && !r.err) r.err = "bad table magic (version mismatch?)";
  t->stop = rd_u32(&r);
  t->name = rd_str(&r, 0);
  t->nfile = rd_count(&r);
  t->file = calloc(t->nfile + 1, sizeof(at_file_rule));
  for (size_t i = 0; t->file && i < t->nfile && !r.err; i++) rd_file_rule(&r, &t->file[i]);
  t->ncmd = rd_count(&r);
  t->cmd = calloc(t->ncmd + 1, sizeof(at_cmd_rule));
  for (size_t i = 0; t->cmd && i < t->ncmd && !r.err; i++) rd_cmd_rule(&r, &t->cmd[i]);
  t->nsig = rd_count(&r);
  t->sig = calloc(t->nsig + 1, sizeof(at_sig_rule));
  for (size_t i = 0; t->sig && i < t->nsig && !r.err; i++) rd_sig_rule(&r, &t->sig[i]);
  t->nnet = rd_count(&r);
  t->net = calloc(t->nnet + 1, sizeof(at_net_rule));
  for (size_t i = 0; t->net && i < t->nnet && !r.err; i++) rd_net_rule(&r, &t->net[i]);
  t->nunix = rd_count(&r);
  t->unx = calloc(t->nunix + 1, sizeof(at_unix_rule));
  for (size_t i = 0; t->unx && i < t->nunix && !r.err; i++) {
    rd_base(&r, &t->unx[i].base);
    t->unx[i].ops = rd_u32(&r);
    t->unx[i].paths = rd_globs(&r, &t->unx[i].npaths, 0);
  }
  t->nconn = rd_count(&r);
  t->conn = calloc(t->nconn + 1, sizeof(at_conn_redirect));
  for (size_t i = 0; t->conn && i < t->nconn && !r.err; i++) rd_conn(&r, &t->conn[i]);
  if (!r.err && (!t->file || !t->cmd || !t->sig || !t->net || !t->unx || !t->conn)) r.err = "out of memory";
  if (!r.err && r.p != r.end) r.err = "trailing bytes after table";
  if (r.err) {
    *err = r.err;
    at_table_free(t);
    return NULL;
  }
  return t;
}

static void free_strs(char **v, size_t n) {
  for (size_t i = 0; v && i < n; i++) free(v[i]);
  free(v);
}

static void free_globs(at_glob *v, size_t n) {
  for (size_t i = 0; v && i < n; i++) at_glob_free(&v[i]);
  free(v);
}

void at_table_free(at_table *t) {
  if (!t) return;
  for (size_t i = 0; t->file && i < t->nfile; i++) {
    free(t->file[i].base.name);
    free(t->file[i].redirect_to);
    free_globs(t->file[i].globs, t->file[i].nglobs);
  }
  for (size_t i = 0; t->cmd && i < t->ncmd; i++) {
    at_cmd_rule *c = &t->cmd[i];
    free(c->base.name);
    free_strs(c->full_paths, c->nfull);
    free_globs(c->path_globs, c->npath_globs);
    free_strs(c->names, c->nnames);
    free_globs(c->name_globs, c->nname_globs);
    for (size_t j = 0; c->args && j < c->nargs; j++)
      if (c->args[j].ok) regfree(&c->args[j].re);
    free(c->args);
    free(c->redirect_command);
    free_strs(c->redirect_args, c->nredirect_args);
    free_strs(c->redirect_append, c->nredirect_append);
  }
  for (size_t i = 0; t->sig && i < t->nsig; i++) {
    free(t->sig[i].base.name);
    free(t->sig[i].target_type);
    free(t->sig[i].pattern);
  }
  for (size_t i = 0; t->net && i < t->nnet; i++) {
    free(t->net[i].base.name);
    free_globs(t->net[i].domains, t->net[i].ndomains);
    free(t->net[i].ports);
    free(t->net[i].cidrs);
  }
  free(t->net);
  for (size_t i = 0; t->unx && i < t->nunix; i++) {
    free(t->unx[i].base.name);
    free_globs(t->unx[i].paths, t->unx[i].npaths);
  }
  free(t->unx);
  for (size_t i = 0; t->conn && i < t->nconn; i++) {
    free(t->conn[i].name);
    free(t->conn[i].redirect_to);
    if (t->conn[i].re_ok) regfree(&t->conn[i].re);
  }
  free(t->conn);
  free(t->file);
  free(t->cmd);
  free(t->sig);
  free(t->name);
  free(t);
}
