/* The ASCII view of a JavaScript string (text.c). */
#ifndef AT_DLP_TEXT_H
#define AT_DLP_TEXT_H

#include <node_api.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  uint8_t *bytes;
  size_t cap;
  uint16_t *wide;
  size_t wide_cap;
} at_text_buf;

/* Loads the string as one byte per UTF-16 unit (ASCII as is, anything else AT_NON_ASCII) followed
 * by AT_PAD zero bytes, so offsets are the string's. Returns the length, or -1 on failure (too
 * long, out of memory, a Node-API error). */
int64_t at_text_load(napi_env env, napi_value value, at_text_buf *buf);

void at_text_free(at_text_buf *buf);

#endif
