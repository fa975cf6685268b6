/* Node-API glue for the tracer. Tracing lives in the agentsh-tracer helper; the addon only reports
 * the protocol version and exposes the C policy evaluator for parity tests. */
#include <arpa/inet.h>
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "version.h"

#define AT_CALL(env, call)                                                                                  \
  do {                                                                                                      \
    if ((call) != napi_ok) {                                                                                \
      napi_throw_error((env), "TRACER_PROTOCOL", "Node-API call failed: " #call);                          \
      return NULL;                                                                                          \
    }                                                                                                       \
  } while (0)

static napi_value at_protocol_version(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  AT_CALL(env, napi_create_int32(env, AT_PROTOCOL_VERSION, &out));
  return out;
}

/* Reads obj[key] as a string into buf (empty when absent). */
static int get_str(napi_env env, napi_value obj, const char *key, char *buf, size_t cap) {
  napi_value v;
  napi_valuetype ty;
  buf[0] = 0;
  if (napi_get_named_property(env, obj, key, &v) != napi_ok || napi_typeof(env, v, &ty) != napi_ok) return -1;
  if (ty != napi_string) return 0;
  size_t n;
  return napi_get_value_string_utf8(env, v, buf, cap, &n) == napi_ok ? 0 : -1;
}

static int get_int(napi_env env, napi_value obj, const char *key, int dflt) {
  napi_value v;
  napi_valuetype ty;
  int32_t out = dflt;
  if (napi_get_named_property(env, obj, key, &v) != napi_ok || napi_typeof(env, v, &ty) != napi_ok) return dflt;
  if (ty == napi_number) napi_get_value_int32(env, v, &out);
  return out;
}

static int op_code(const char *name) {
  for (int i = 0; i < AT_OP_COUNT; i++)
    if (strcmp(at_op_name(i), name) == 0) return i;
  return -1;
}

/* A network question: host is an IP literal (brackets allowed; ::ffff:a.b.c.d judged as IPv4) or a
 * name (then only domains match it); names: newline-separated names learnt for the address. */
static void ask_net(napi_env env, const at_table *t, napi_value q, at_verdict *v) {
  static char host[300], names_buf[8192], text[64];
  static char *names[64];
  get_str(env, q, "host", host, sizeof(host));
  get_str(env, q, "names", names_buf, sizeof(names_buf));
  char *h = host;
  size_t hl = strlen(h);
  if (hl > 1 && h[0] == '[' && h[hl - 1] == ']') {
    h[hl - 1] = 0;
    h++;
  }
  at_net_dest d;
  memset(&d, 0, sizeof(d));
  d.port = get_int(env, q, "port", 0);
  d.text = h;
  if (inet_pton(AF_INET, h, d.addr) == 1) d.v = 4;
  else if (inet_pton(AF_INET6, h, d.addr) == 1) {
    d.v = 6;
    if (memcmp(d.addr, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
      memmove(d.addr, d.addr + 12, 4);
      d.v = 4;
      inet_ntop(AF_INET, d.addr, text, sizeof(text));
      d.text = text;
    }
  }
  size_t n = 0;
  for (char *save = NULL, *tok = strtok_r(names_buf, "\n", &save); tok && n < 64; tok = strtok_r(NULL, "\n", &save))
    names[n++] = tok;
  d.names = names;
  d.nnames = n;
  at_decide_net(t, &d, v);
}

static void ask(napi_env env, const at_table *t, napi_value q, at_verdict *v, const char **err) {
  static char kind[32], path[4096], extra[65536];
  get_str(env, q, "kind", kind, sizeof(kind));
  get_str(env, q, "path", path, sizeof(path));
  if (strcmp(kind, "file") == 0) {
    get_str(env, q, "op", extra, 64);
    for (char *c = extra; *c; c++) *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
    at_decide_file(t, path, op_code(extra), v);
  } else if (strcmp(kind, "exec") == 0) {
    get_str(env, q, "args", extra, sizeof(extra));
    at_decide_exec(t, path, extra, get_int(env, q, "depth", 0), v);
  } else if (strcmp(kind, "signal") == 0) {
    get_str(env, q, "targetComm", extra, 256);
    at_decide_signal(t, get_int(env, q, "signal", 0), (uint32_t)get_int(env, q, "relations", 0),
                     get_int(env, q, "targetPid", 0), extra, v);
  } else if (strcmp(kind, "unix_socket") == 0) {
    get_str(env, q, "op", extra, 64);
    uint32_t op = strcmp(extra, "connect") == 0 ? AT_UNIX_CONNECT
                  : strcmp(extra, "bind") == 0  ? AT_UNIX_BIND
                  : strcmp(extra, "listen") == 0 ? AT_UNIX_LISTEN
                  : strcmp(extra, "sendto") == 0 ? AT_UNIX_SENDTO
                                                 : 0;
    at_decide_unix(t, path, op, v);
  } else if (strcmp(kind, "network") == 0) {
    ask_net(env, t, q, v);
  } else {
    *err = "question.kind must be file, exec, signal, network or unix_socket";
  }
}

/* evaluateForTest(table: Uint8Array, question) -> { decision, effective, rule } */
static napi_value at_evaluate_for_test(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], out, s;
  AT_CALL(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  napi_typedarray_type ty;
  size_t len, off;
  void *data;
  napi_value ab;
  if (argc < 2 || napi_get_typedarray_info(env, argv[0], &ty, &len, &data, &ab, &off) != napi_ok) {
    napi_throw_type_error(env, "TRACER_INVALID", "evaluateForTest(table: Uint8Array, question)");
    return NULL;
  }
  const char *err = NULL;
  at_table *t = at_table_decode(data, len, &err);
  if (!t) {
    napi_throw_error(env, "TRACER_INVALID", err);
    return NULL;
  }
  at_verdict v;
  memset(&v, 0, sizeof(v));
  ask(env, t, argv[1], &v, &err);
  if (err) {
    at_table_free(t);
    napi_throw_error(env, "TRACER_INVALID", err);
    return NULL;
  }
  napi_create_object(env, &out);
  napi_create_string_utf8(env, at_decision_name(v.decision), NAPI_AUTO_LENGTH, &s);
  napi_set_named_property(env, out, "decision", s);
  napi_create_string_utf8(env, at_decision_name(v.effective), NAPI_AUTO_LENGTH, &s);
  napi_set_named_property(env, out, "effective", s);
  napi_create_string_utf8(env, v.rule ? v.rule : "", NAPI_AUTO_LENGTH, &s);
  napi_set_named_property(env, out, "rule", s);
  static char target[4096];
  const char *redirect = NULL;
  if (v.decision == AT_D_REDIRECT && v.file_rule) {
    static char q_path[4096];
    get_str(env, argv[1], "path", q_path, sizeof(q_path));
    if (at_file_redirect_target(v.file_rule, q_path, target, sizeof(target)) == 0) redirect = target;
  }
  if (v.decision == AT_D_REDIRECT && v.cmd_rule) redirect = v.cmd_rule->redirect_command;
  if (redirect) {
    napi_create_string_utf8(env, redirect, NAPI_AUTO_LENGTH, &s);
    napi_set_named_property(env, out, "redirect", s);
  }
  at_table_free(t);
  return out;
}

static napi_value at_init(napi_env env, napi_value exports) {
  napi_value fn;
  AT_CALL(env, napi_create_function(env, "protocolVersion", NAPI_AUTO_LENGTH, at_protocol_version, NULL, &fn));
  AT_CALL(env, napi_set_named_property(env, exports, "protocolVersion", fn));
  AT_CALL(env, napi_create_function(env, "evaluateForTest", NAPI_AUTO_LENGTH, at_evaluate_for_test, NULL, &fn));
  AT_CALL(env, napi_set_named_property(env, exports, "evaluateForTest", fn));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, at_init)
