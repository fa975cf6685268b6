/* Event output: JSON lines queued in memory and written to the control socket in batches.
 * The socket is non-blocking, so a slow reader never stalls a tracee; overflow drops ordinary
 * events and reports how many with a {"t":"dropped"} line. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "out.h"

#define AT_QUEUE_CAP (4u << 20)
#define AT_QUEUE_SOFT (1u << 20)
#define AT_FLUSH_BYTES 16384
#define AT_FLUSH_MS 20

static char queue[AT_QUEUE_CAP];
static size_t qlen;
static int out_fd = -1;
static unsigned long dropped;
static long long first_ms = -1;

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void at_out_init(int fd) {
  out_fd = fd;
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void put(at_json *j, const char *s, size_t n) {
  if (j->overflow || j->n + n + 4 > AT_LINE_MAX) {
    j->overflow = 1;
    return;
  }
  memcpy(j->buf + j->n, s, n);
  j->n += n;
}

static void put_escaped(at_json *j, const char *s) {
  put(j, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char esc[8];
    if (*p == '"' || *p == '\\') {
      esc[0] = '\\';
      esc[1] = (char)*p;
      put(j, esc, 2);
    } else if (*p < 0x20 || *p == 0x7f) {
      snprintf(esc, sizeof(esc), "\\u%04x", *p);
      put(j, esc, 6);
    } else {
      put(j, (const char *)p, 1);
    }
  }
  put(j, "\"", 1);
}

static void key(at_json *j, const char *k) {
  if (j->fields++) put(j, ",", 1);
  put_escaped(j, k);
  put(j, ":", 1);
}

void at_json_start(at_json *j, const char *type) {
  j->n = 0;
  j->fields = 0;
  j->overflow = 0;
  put(j, "{", 1);
  at_json_str(j, "t", type);
}

void at_json_str(at_json *j, const char *k, const char *val) {
  if (!val) return;
  size_t mark = j->n;
  int fields = j->fields;
  key(j, k);
  put_escaped(j, val);
  if (j->overflow) { /* drop the field, keep the line */
    j->n = mark;
    j->fields = fields;
    j->overflow = 0;
  }
}

void at_json_int(at_json *j, const char *k, long long v) {
  char num[32];
  snprintf(num, sizeof(num), "%lld", v);
  key(j, k);
  put(j, num, strlen(num));
}

void at_json_raw(at_json *j, const char *k, const char *raw) {
  key(j, k);
  put(j, raw, strlen(raw));
}

void at_json_strv(at_json *j, const char *k, char *const *v, int n) {
  size_t mark = j->n;
  int fields = j->fields;
  key(j, k);
  put(j, "[", 1);
  for (int i = 0; i < n; i++) {
    if (i) put(j, ",", 1);
    put_escaped(j, v[i]);
  }
  put(j, "]", 1);
  if (j->overflow) {
    j->n = mark;
    j->fields = fields;
    j->overflow = 0;
    at_json_raw(j, "truncated", "true");
  }
}

void at_json_end(at_json *j) {
  j->overflow = 0;
  memcpy(j->buf + j->n, "}\n", 2);
  j->n += 2;
}

void at_out_push(const at_json *j, int critical) {
  if (!critical && (qlen + j->n > AT_QUEUE_SOFT)) {
    dropped++;
    return;
  }
  if (qlen + j->n > AT_QUEUE_CAP) at_out_flush(1);
  if (qlen + j->n > AT_QUEUE_CAP) return;
  if (dropped && qlen + 64 < AT_QUEUE_SOFT) {
    qlen += (size_t)snprintf(queue + qlen, 64, "{\"t\":\"dropped\",\"count\":%lu}\n", dropped);
    dropped = 0;
  }
  memcpy(queue + qlen, j->buf, j->n);
  qlen += j->n;
  if (first_ms < 0) first_ms = now_ms();
  if (critical || qlen >= AT_FLUSH_BYTES) at_out_flush(0); /* never wait for the reader here */
}

void at_out_flush(int force) {
  size_t off = 0;
  while (off < qlen && out_fd >= 0) {
    ssize_t n = write(out_fd, queue + off, qlen - off);
    if (n > 0) {
      off += (size_t)n;
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN && force) { /* final flush: wait for a slow reader, 30 s at most */
      struct pollfd p = {.fd = out_fd, .events = POLLOUT};
      int ready;
      do ready = poll(&p, 1, 30000);
      while (ready < 0 && errno == EINTR);
      if (ready > 0) continue;
    }
    if (n < 0 && errno != EAGAIN) qlen = off; /* reader gone: discard */
    break;
  }
  memmove(queue, queue + off, qlen - off);
  qlen -= off;
  first_ms = qlen ? now_ms() : -1;
}

int at_out_due_ms(void) {
  if (!qlen) return -1;
  long long left = first_ms + AT_FLUSH_MS - now_ms();
  return left < 0 ? 0 : (int)left;
}
