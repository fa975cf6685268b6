/* Approvals: a thread whose syscall needs a human (or JS) answer stays in its seccomp stop.
 * The question goes out as {"t":"ask"}; the answer or the deadline resumes it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scratch.h"
#include "stops.h"

#define AT_PARK_MAX 1024

typedef struct {
  unsigned id;
  pid_t tid;
  long long deadline;
  int deny_errno;
  struct user_regs_struct regs;
  at_event ev;
  at_verdict v;
  char path[PATH_MAX], path2[PATH_MAX];
  char rule[256];
  char address[64]; /* network events */
  int held;          /* the argv area the parked exec's pinned argv lives in, or -1 */
} parked;

static parked *slots[AT_PARK_MAX];
static unsigned next_id = 1;
static int nparked;

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void copy(char *dst, size_t cap, const char *src, const char **field) {
  if (!src) return;
  strncpy(dst, src, cap - 1);
  dst[cap - 1] = 0;
  *field = dst;
}

void at_park(at_tracee *t, const at_event *e, const at_verdict *v, const struct user_regs_struct *r,
             int deny_errno) {
  int i = 0;
  while (i < AT_PARK_MAX && slots[i]) i++;
  parked *p = i < AT_PARK_MAX ? calloc(1, sizeof(*p)) : NULL;
  if (!p) { /* no room to wait: deny */
    struct user_regs_struct regs = *r;
    at_emit(t, e, v);
    at_regs_fail(t, &regs, -deny_errno);
    return;
  }
  p->id = next_id++;
  p->tid = t->tid;
  uint32_t ms = v->timeout_ms ? v->timeout_ms : at_sess.approval_timeout_ms;
  p->deadline = now_ms() + ms;
  p->deny_errno = deny_errno;
  p->regs = *r;
  p->ev = *e;
  p->ev.argv = NULL;
  p->ev.argc = 0;
  p->v = *v;
  copy(p->path, sizeof(p->path), e->path, &p->ev.path);
  copy(p->path2, sizeof(p->path2), e->path2, &p->ev.path2);
  copy(p->rule, sizeof(p->rule), v->rule, &p->v.rule);
  copy(p->address, sizeof(p->address), e->address, &p->ev.address);
  p->ev.names = NULL; /* the names may change while waiting; the ask line carried them */
  p->ev.nnames = 0;
  p->ev.family = e->family; /* static strings */
  p->held = at_scratch_hold(t);
  at_fence_parked(t);
  slots[i] = p;
  nparked++;
  static at_json j;
  at_event_json(&j, "ask", t, e, v);
  at_json_int(&j, "id", p->id);
  at_json_int(&j, "timeoutMs", ms);
  at_json_end(&j);
  at_out_push(&j, 1);
}

static void finish(int i, int allow, const char *note) {
  parked *p = slots[i];
  slots[i] = NULL;
  nparked--;
  at_tracee *t = at_tracee_get(p->tid);
  if (t) {
    p->v.effective = allow ? AT_D_ALLOW : AT_D_DENY;
    p->ev.note = note;
    at_emit(t, &p->ev, &p->v);
    if (allow && t->park_verify) { /* the path may have been swapped while we waited */
      t->wait = AT_WAIT_VERIFY_OPEN;
      at_fence_walk(t, 1);
      if (at_resume_syscall(t->tid) != 0) t->wait = AT_WAIT_NONE;
    } else if (allow && strcmp(p->ev.type, "file") == 0) {
      at_fence_resume(t, (long)p->regs.orig_rax);
    } else if (allow) {
      at_fence_walk(t, strcmp(p->ev.type, "unix_socket") == 0); /* a socket path is walked again */
      at_resume(t->tid, 0);
    } else {
      at_regs_fail(t, &p->regs, -p->deny_errno);
    }
    t->park_verify = 0;
  }
  at_scratch_release(p->held);
  free(p);
}

void at_park_answer(unsigned id, int allow) {
  for (int i = 0; i < AT_PARK_MAX; i++)
    if (slots[i] && slots[i]->id == id) finish(i, allow, allow ? "approved" : "denied");
}

int at_park_sweep(void) {
  if (nparked == 0) return -1;
  long long now = now_ms(), next = -1;
  for (int i = 0; i < AT_PARK_MAX; i++) {
    if (!slots[i]) continue;
    if (slots[i]->deadline <= now) {
      finish(i, 0, "timeout");
      continue;
    }
    long long left = slots[i]->deadline - now;
    if (next < 0 || left < next) next = left;
  }
  return (int)next;
}

void at_park_forget(pid_t tid) {
  for (int i = 0; i < AT_PARK_MAX; i++) {
    if (!slots[i] || slots[i]->tid != tid) continue;
    at_scratch_release(slots[i]->held);
    free(slots[i]);
    slots[i] = NULL;
    nparked--;
  }
}
