/* JSON encoding of the exec request: {"command":"...","args":[...]}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

int at_buf_append(struct at_buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) cap *= 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) return -1;
    b->data = p;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

int at_buf_puts(struct at_buf *b, const char *s) { return at_buf_append(b, s, strlen(s)); }

/* Quotes s; bytes >= 0x80 pass through (arguments are expected to be UTF-8). */
int at_json_string(struct at_buf *b, const char *s) {
  if (at_buf_append(b, "\"", 1) < 0) return -1;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char esc[8];
    const char *out = NULL;
    size_t n = 0;
    if (*p == '"') out = "\\\"", n = 2;
    else if (*p == '\\') out = "\\\\", n = 2;
    else if (*p < 0x20) n = (size_t)snprintf(esc, sizeof esc, "\\u%04x", *p), out = esc;
    else out = (const char *)p, n = 1;
    if (at_buf_append(b, out, n) < 0) return -1;
  }
  return at_buf_append(b, "\"", 1);
}

int at_exec_request_body(struct at_buf *b, char **argv) {
  if (at_buf_puts(b, "{\"command\":") < 0 || at_json_string(b, argv[0]) < 0) return -1;
  if (at_buf_puts(b, ",\"args\":[") < 0) return -1;
  for (int i = 1; argv[i] != NULL; i++) {
    if (i > 1 && at_buf_puts(b, ",") < 0) return -1;
    if (at_json_string(b, argv[i]) < 0) return -1;
  }
  return at_buf_puts(b, "]}");
}
