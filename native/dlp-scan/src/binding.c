/* Node-API glue: compile(spec) -> handle, scan(handle, text, out) -> int32 count written into out
 * (or minus the count needed when out is too small). No scanning logic here. */
#include <node_api.h>
#include <stdlib.h>

#include "scan.h"
#include "text.h"

typedef struct {
  at_scanner *scanner;
  at_text_buf text;
} at_handle;

#define AT_THROW(env, msg)                                                                                 \
  do {                                                                                                     \
    napi_throw_error((env), "DLP_NATIVE", (msg));                                                          \
    return NULL;                                                                                           \
  } while (0)

/* Reads obj[key] as a typed array of the given type; *len elements (0 and NULL when absent). */
static int typed_field(napi_env env, napi_value obj, const char *key, napi_typedarray_type want, void **data,
                       size_t *len) {
  napi_value v;
  bool is_typed = false;
  *data = NULL;
  *len = 0;
  if (napi_get_named_property(env, obj, key, &v) != napi_ok || napi_is_typedarray(env, v, &is_typed) != napi_ok)
    return -1;
  if (!is_typed) return -1;
  napi_typedarray_type type;
  if (napi_get_typedarray_info(env, v, &type, len, data, NULL, NULL) != napi_ok || type != want) return -1;
  return 0;
}

static int int_field(napi_env env, napi_value obj, const char *key, int32_t *out) {
  napi_value v;
  if (napi_get_named_property(env, obj, key, &v) != napi_ok) return -1;
  return napi_get_value_int32(env, v, out) == napi_ok ? 0 : -1;
}

static int read_spec(napi_env env, napi_value obj, at_spec *sp) {
  void *kb, *ke, *kf, *tg, *cl, *fo;
  size_t kbn, ken, kfn, tgn, cln, fon;
  if (int_field(env, obj, "ruleCount", &sp->rule_count) || int_field(env, obj, "digits", &sp->digits) ||
      typed_field(env, obj, "keywordBytes", napi_uint8_array, &kb, &kbn) ||
      typed_field(env, obj, "keywordEnds", napi_int32_array, &ke, &ken) ||
      typed_field(env, obj, "keywordFold", napi_uint8_array, &kf, &kfn) ||
      typed_field(env, obj, "targets", napi_int32_array, &tg, &tgn) ||
      typed_field(env, obj, "classes", napi_uint8_array, &cl, &cln) ||
      typed_field(env, obj, "follow", napi_int32_array, &fo, &fon))
    return -1;
  napi_value simd;
  bool has_simd = false;
  sp->simd = 2;
  if (napi_has_named_property(env, obj, "simd", &has_simd) != napi_ok) return -1;
  if (has_simd && (napi_get_named_property(env, obj, "simd", &simd) != napi_ok ||
                   napi_get_value_int32(env, simd, &sp->simd) != napi_ok))
    return -1;
  if (kfn != ken || tgn % 3 != 0 || cln % 128 != 0 || (ken > 0 && (size_t)((int32_t *)ke)[ken - 1] != kbn))
    return -1;
  sp->keyword_count = (int32_t)ken;
  sp->keyword_bytes = kb;
  sp->keyword_ends = ke;
  sp->keyword_fold = kf;
  sp->target_count = (int32_t)(tgn / 3);
  sp->targets = tg;
  sp->class_count = (int32_t)(cln / 128);
  sp->classes = cl;
  sp->follow_count = (int32_t)fon;
  sp->follow = fo;
  return 0;
}

static void finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  at_handle *h = data;
  at_scanner_free(h->scanner);
  at_text_free(&h->text);
  free(h);
}

static napi_value compile(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg, out;
  at_spec spec = {0};
  if (napi_get_cb_info(env, info, &argc, &arg, NULL, NULL) != napi_ok || argc < 1) AT_THROW(env, "compile(spec)");
  if (read_spec(env, arg, &spec) != 0) AT_THROW(env, "compile: malformed spec");
  at_handle *h = calloc(1, sizeof(at_handle));
  if (h == NULL) AT_THROW(env, "compile: out of memory");
  h->scanner = at_scanner_new(&spec);
  if (h->scanner == NULL) {
    free(h);
    AT_THROW(env, "compile: invalid spec");
  }
  if (napi_create_external(env, h, finalize, NULL, &out) != napi_ok) {
    finalize(env, h, NULL);
    AT_THROW(env, "compile: napi_create_external failed");
  }
  return out;
}

static napi_value scan(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value args[3], result;
  at_handle *h = NULL;
  void *data = NULL;
  size_t cap = 0;
  napi_typedarray_type type;
  if (napi_get_cb_info(env, info, &argc, args, NULL, NULL) != napi_ok || argc < 3 ||
      napi_get_value_external(env, args[0], (void **)&h) != napi_ok || h == NULL ||
      napi_get_typedarray_info(env, args[2], &type, &cap, &data, NULL, NULL) != napi_ok ||
      type != napi_int32_array)
    AT_THROW(env, "scan(handle, text, out: Int32Array)");
  int64_t n = at_text_load(env, args[1], &h->text);
  if (n < 0) AT_THROW(env, "scan: cannot read the text");
  int64_t written = at_scanner_run(h->scanner, h->text.bytes, (int32_t)n, data, (int64_t)cap);
  if (written == AT_SCAN_NOMEM) AT_THROW(env, "scan: out of memory");
  if (napi_create_double(env, (double)written, &result) != napi_ok) AT_THROW(env, "scan: result");
  return result;
}

static napi_value digits_at(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg, result;
  at_text_buf buf = {0};
  if (napi_get_cb_info(env, info, &argc, &arg, NULL, NULL) != napi_ok || argc < 1) AT_THROW(env, "digitsAt(text)");
  int64_t n = at_text_load(env, arg, &buf);
  if (n < 0) {
    at_text_free(&buf);
    AT_THROW(env, "digitsAt: cannot read the text");
  }
  int ok = at_digits_at(buf.bytes, 0);
  at_text_free(&buf);
  if (napi_get_boolean(env, ok, &result) != napi_ok) AT_THROW(env, "digitsAt: result");
  return result;
}

NAPI_MODULE_INIT() {
  static const struct {
    const char *name;
    napi_callback cb;
  } fns[] = {{"compile", compile}, {"scan", scan}, {"digitsAt", digits_at}};
  for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
    napi_value fn;
    if (napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].cb, NULL, &fn) != napi_ok ||
        napi_set_named_property(env, exports, fns[i].name, fn) != napi_ok)
      return NULL;
  }
  return exports;
}
