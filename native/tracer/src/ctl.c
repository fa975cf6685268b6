/* Control frames from JS: table swaps, kill, approval answers. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctl.h"
#include "net_names.h"
#include "out.h"
#include "stops.h"

#define AT_CTL_MAX (64u << 20)

static uint8_t *buf;
static size_t len, cap;

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void reply_table(const char *err) {
  static at_json j;
  at_json_start(&j, "table");
  at_json_int(&j, "ok", err ? 0 : 1);
  at_json_str(&j, "error", err);
  at_json_end(&j);
  at_out_push(&j, 1);
}

/* initial: 0 running, 1 the first frame (a table), 2 the frame after it with run --names (NAMES). */
static int handle(uint8_t type, const uint8_t *p, size_t n, int initial) {
  if (initial == 2 && type != AT_FRAME_NAMES) return -1;
  if (type == AT_FRAME_TABLE) {
    const char *err = NULL;
    at_table *t = at_table_decode(p, n, &err);
    int grows = t && !initial &&
                ((t->stop & ~at_sess.table->stop & (AT_STOP_EXEC | AT_STOP_FILE | AT_STOP_SIGNAL)) ||
                 (t->stop & ~at_sess.filter_stop & (AT_STOP_NETWORK | AT_STOP_UNIX | AT_STOP_READ_OPEN)));
    if (grows) {
      err = "new table needs stop classes the running prefilter does not have (spawn again)";
      at_table_free(t);
      t = NULL;
    }
    if (!initial) reply_table(t ? NULL : err);
    if (!t) return initial ? -1 : 0;
    at_table_free(at_sess.table);
    at_sess.table = t;
    at_sess.table_gen++;
    return 0;
  }
  if (initial == 1) return -1;
  if (type == AT_FRAME_KILL && n >= 4) at_tracee_kill_all();
  if (type == AT_FRAME_ANSWER && n >= 8) at_park_answer(le32(p), (int)le32(p + 4));
  if (type == AT_FRAME_NAMES && n >= 4) { /* acknowledged at once: the DNS answer waits for it */
    static at_json j;
    int rc = at_names_load((const char *)p + 4, n - 4);
    at_json_start(&j, "names");
    at_json_int(&j, "id", le32(p));
    at_json_int(&j, "ok", rc == 0);
    at_json_end(&j);
    at_out_push(&j, 1);
    at_out_flush(0);
  }
  return 0;
}

/* Handles every complete frame in the buffer; returns how many, or -1 on a bad frame. */
static int drain(int initial) {
  int handled = 0;
  size_t off = 0;
  while (len - off >= 5) {
    uint32_t flen = le32(buf + off);
    if (flen == 0 || flen > AT_CTL_MAX) return -1;
    if (len - off - 4 < flen) break;
    if (handle(buf[off + 4], buf + off + 5, flen - 1, initial) != 0) return -1;
    off += 4 + flen;
    handled++;
    if (initial) break;
  }
  memmove(buf, buf + off, len - off);
  len -= off;
  return handled;
}

static int fill(int fd) {
  if (cap - len < 65536) {
    size_t ncap = cap ? cap * 2 : 1u << 20;
    uint8_t *nb = realloc(buf, ncap);
    if (!nb) return -1;
    buf = nb;
    cap = ncap;
  }
  ssize_t n = read(fd, buf + len, cap - len);
  if (n == 0) return -1;
  if (n < 0) return errno == EAGAIN || errno == EINTR ? 0 : -1;
  len += (size_t)n;
  return 1;
}

int at_ctl_read_initial(int fd) {
  for (;;) {
    int d = drain(1);
    if (d < 0) return -1;
    if (d > 0) return 0;
    if (fill(fd) < 0) return -1;
  }
}

int at_ctl_read_names(int fd) {
  for (;;) {
    int d = drain(2);
    if (d < 0) return -1;
    if (d > 0) return 0;
    if (fill(fd) < 0) return -1;
  }
}

int at_ctl_pump(int fd) {
  for (;;) {
    int r = fill(fd);
    if (r < 0) return -1;
    if (drain(0) < 0) return -1;
    if (r == 0) return 0;
  }
}
