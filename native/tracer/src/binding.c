/* Node-API glue for the tracer. Logic lives in the helper executable; this file only
 * exposes what JS needs to find and talk to it. */
#include <node_api.h>

#include "version.h"

static napi_value at_protocol_version(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  if (napi_create_int32(env, AT_PROTOCOL_VERSION, &out) != napi_ok) return NULL;
  return out;
}

static napi_value at_init(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "protocolVersion", NAPI_AUTO_LENGTH, at_protocol_version, NULL, &fn) != napi_ok)
    return NULL;
  if (napi_set_named_property(env, exports, "protocolVersion", fn) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, at_init)
