#ifndef AT_TABLE_H
#define AT_TABLE_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "glob.h"

/* Decisions, as encoded by @agentsh/tracer (src/encode.ts). */
#define AT_D_ALLOW 0
#define AT_D_DENY 1
#define AT_D_APPROVE 2
#define AT_D_REDIRECT 3
#define AT_D_AUDIT 4
#define AT_D_SOFT_DELETE 5

/* Stop classes (PolicyTable.stop). */
#define AT_STOP_EXEC 0x1u
#define AT_STOP_FILE 0x2u
#define AT_STOP_READ_OPEN 0x4u
#define AT_STOP_NETWORK 0x8u
#define AT_STOP_UNIX 0x10u
#define AT_STOP_SIGNAL 0x20u
#define AT_STOP_DNS_STEER 0x10000u /* helper-internal (never in a table): a session DNS proxy was given */

/* File operations, bit numbers in a rule's op mask (same order as the FileOp union). */
#define AT_OP_OPEN 0
#define AT_OP_READ 1
#define AT_OP_WRITE 2
#define AT_OP_CREATE 3
#define AT_OP_DELETE 4
#define AT_OP_RMDIR 5
#define AT_OP_MKDIR 6
#define AT_OP_RENAME 7
#define AT_OP_LINK 8
#define AT_OP_SYMLINK 9
#define AT_OP_CHMOD 10
#define AT_OP_CHOWN 11
#define AT_OP_COUNT 15

typedef struct {
  char *name;
  int decision, effective;
  uint32_t timeout_ms;
} at_rule_base;

typedef struct {
  at_rule_base base;
  uint32_t ops;
  char *redirect_to; /* NULL when none */
  int preserve_tree;
  at_glob *globs;
  size_t nglobs;
} at_file_rule;

typedef struct {
  regex_t re;
  int ok;
} at_arg_re;

typedef struct {
  at_rule_base base;
  int any_command, min_depth, max_depth;
  char **full_paths;
  size_t nfull;
  at_glob *path_globs;
  size_t npath_globs;
  char **names;
  size_t nnames;
  at_glob *name_globs;
  size_t nname_globs;
  at_arg_re *args;
  size_t nargs;
  char *redirect_command; /* NULL when none */
  char **redirect_args, **redirect_append; /* argv = command, args, original argv[1..], append */
  size_t nredirect_args, nredirect_append;
} at_cmd_rule;

typedef struct {
  at_rule_base base;
  uint64_t signals; /* bit n = signal n (1..63) */
  char *target_type, *pattern;
  int min, max, has_min, has_max;
} at_sig_rule;

/* A network rule (docs/compiled-policy.md NetworkRule). Domain globs use '.' as separator; they are
 * stored with '.' turned into '/' (the glob engine's separator) and names are matched the same way. */
typedef struct {
  int v; /* 4 or 6 */
  uint8_t addr[16];
  int bits;
} at_cidr;

typedef struct {
  at_rule_base base;
  at_glob *domains;
  size_t ndomains;
  uint32_t *ports;
  size_t nports;
  at_cidr *cidrs;
  size_t ncidrs;
} at_net_rule;

/* A unix socket rule: path globs ('/' separator; abstract names as '@name'), op mask AT_UNIX_*. */
#define AT_UNIX_CONNECT 0x1u
#define AT_UNIX_BIND 0x2u
#define AT_UNIX_LISTEN 0x4u
#define AT_UNIX_SENDTO 0x8u
typedef struct {
  at_rule_base base;
  uint32_t ops;
  at_glob *paths;
  size_t npaths;
} at_unix_rule;

/* A connect redirect: ERE on 'host:port' (IPv6 bracketed); the target must be an IP literal. */
typedef struct {
  char *name;
  regex_t re;
  int re_ok;
  char *redirect_to;
  int to_v; /* 0: not an IP literal (the redirect then denies) */
  uint8_t to_addr[16];
  int to_port;
} at_conn_redirect;

typedef struct {
  uint32_t stop;
  char *name;
  at_file_rule *file;
  size_t nfile;
  at_cmd_rule *cmd;
  size_t ncmd;
  at_sig_rule *sig;
  size_t nsig;
  at_net_rule *net;
  size_t nnet;
  at_unix_rule *unx;
  size_t nunix;
  at_conn_redirect *conn;
  size_t nconn;
} at_table;

typedef struct {
  int decision, effective;
  const char *rule;
  uint32_t timeout_ms;
  const at_file_rule *file_rule; /* set for file decisions from a rule */
  const at_cmd_rule *cmd_rule;
  const at_conn_redirect *conn_redirect; /* set when an allowed connect is redirected */
} at_verdict;

/* Decodes a blob made by encodeTable(); NULL with *err set on malformed input. */
at_table *at_table_decode(const uint8_t *blob, size_t len, const char **err);
void at_table_free(at_table *t);

void at_decide_file(const at_table *t, const char *path, int op, at_verdict *out);
/* argv joined with spaces (argv[0] included at execve). */
void at_decide_exec(const at_table *t, const char *path, const char *args, int depth, at_verdict *out);

typedef struct {
  const char *type; /* self children descendants siblings session parent external system ... */
  const char *comm; /* target's command name, for type process */
  int pid;
} at_sig_target;
/* kind flags: which relations hold between sender and target. */
#define AT_REL_SELF 0x1u
#define AT_REL_CHILD 0x2u
#define AT_REL_DESC 0x4u
#define AT_REL_SIBLING 0x8u
#define AT_REL_SESSION 0x10u
#define AT_REL_PARENT 0x20u
#define AT_REL_EXTERNAL 0x40u
#define AT_REL_SYSTEM 0x80u
void at_decide_signal(const at_table *t, int sig, uint32_t rel, int target_pid, const char *target_comm,
                      at_verdict *out);

/* A destination: ip (4 or 16 bytes, IPv4-mapped IPv6 already turned into IPv4), its text, the port and
 * the names that resolved to it in this session. */
typedef struct {
  int v;
  uint8_t addr[16];
  const char *text;
  int port;
  char *const *names;
  size_t nnames;
} at_net_dest;
/* Network rules, then (when allowed) the first connect redirect matching ip:port or name:port. */
void at_decide_net(const at_table *t, const at_net_dest *d, at_verdict *out);
/* First unix socket rule listing op (AT_UNIX_*) whose globs match path; none -> deny 'default-deny-unix'. */
void at_decide_unix(const at_table *t, const char *path, uint32_t op, at_verdict *out);
/* Parses 'a.b.c.d/n' or 'x::y/n' (or a bare address). 0 or -1. */
int at_cidr_parse(const char *s, at_cidr *out);
int at_cidr_contains(const at_cidr *c, int v, const uint8_t *addr);

/* Where a file redirect sends path: redirectTo (a directory) + the basename, or + the whole path when
 * preserveTree. Returns 0, or -1 when it does not fit. */
int at_file_redirect_target(const at_file_rule *f, const char *path, char *out, size_t cap);

const char *at_decision_name(int d);
const char *at_op_name(int op);

#endif
