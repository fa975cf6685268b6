/* Copying a string out of V8: pure-ASCII strings come through the UTF-8 copy as they are (the common
 * case, about a memcpy); a string with any other character is read as UTF-16 and narrowed. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "scan.h"

static int reserve(void **ptr, size_t *cap, size_t need) {
  if (*cap >= need) return 0;
  size_t size = need < 65536 ? 65536 : need + need / 2;
  void *grown = malloc(size);
  if (grown == NULL) return -1;
  free(*ptr);
  *ptr = grown;
  *cap = size;
  return 0;
}

static int all_ascii(const uint8_t *b, size_t n) {
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, b + i, 8);
    acc |= w;
  }
  for (; i < n; i++) acc |= b[i];
  return (acc & 0x8080808080808080ull) == 0;
}

static int64_t load_wide(napi_env env, napi_value value, at_text_buf *buf, size_t len) {
  size_t got = 0;
  if (reserve((void **)&buf->wide, &buf->wide_cap, (len + 1) * sizeof(uint16_t)) != 0) return -1;
  if (napi_get_value_string_utf16(env, value, (char16_t *)buf->wide, len + 1, &got) != napi_ok || got != len)
    return -1;
  for (size_t i = 0; i < len; i++) {
    uint16_t u = buf->wide[i];
    buf->bytes[i] = u < 0x80 ? (uint8_t)u : AT_NON_ASCII;
  }
  return (int64_t)len;
}

int64_t at_text_load(napi_env env, napi_value value, at_text_buf *buf) {
  size_t len = 0, got = 0;
  if (napi_get_value_string_utf16(env, value, NULL, 0, &len) != napi_ok || len > INT32_MAX - AT_PAD) return -1;
  if (reserve((void **)&buf->bytes, &buf->cap, len + AT_PAD + 1) != 0) return -1;
  if (napi_get_value_string_utf8(env, value, (char *)buf->bytes, len + 1, &got) != napi_ok) return -1;
  int64_t n = (int64_t)len;
  if (got != len || !all_ascii(buf->bytes, len)) n = load_wide(env, value, buf, len);
  if (n >= 0) memset(buf->bytes + len, 0, AT_PAD);
  return n;
}

void at_text_free(at_text_buf *buf) {
  free(buf->bytes);
  free(buf->wide);
  buf->bytes = NULL;
  buf->wide = NULL;
  buf->cap = buf->wide_cap = 0;
}
