#ifndef AT_OUT_H
#define AT_OUT_H

#include <stddef.h>

/* One JSON line being built. Overlong lines are truncated to valid JSON by dropping fields. */
#define AT_LINE_MAX 32768

typedef struct {
  char buf[AT_LINE_MAX];
  size_t n;
  int fields;
  int overflow;
} at_json;

void at_json_start(at_json *j, const char *type);
void at_json_str(at_json *j, const char *key, const char *val);
void at_json_int(at_json *j, const char *key, long long v);
void at_json_strv(at_json *j, const char *key, char *const *v, int n);
/* key: raw JSON value (already encoded) */
void at_json_raw(at_json *j, const char *key, const char *raw);
void at_json_end(at_json *j);

/* Queues a finished line for the control socket. Ordinary events are dropped (and counted)
 * when the reader is slow; critical lines (exit, ask, errors) are always kept. */
void at_out_push(const at_json *j, int critical);
/* Writes what the socket accepts without blocking; force: block until everything is out. */
void at_out_flush(int force);
/* Milliseconds until queued events must be flushed, or -1 when nothing is queued. */
int at_out_due_ms(void);
void at_out_init(int fd);

#endif
