/* The table of traced threads, keyed by tid (chained hash). */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch.h"
#include "session.h"
#include "stops.h"

#define AT_BUCKETS 1024

static at_tracee *buckets[AT_BUCKETS];
static size_t count;

static size_t slot(pid_t tid) {
  return (size_t)tid % AT_BUCKETS;
}

at_tracee *at_tracee_get(pid_t tid) {
  for (at_tracee *t = buckets[slot(tid)]; t; t = t->next)
    if (t->tid == tid) return t;
  return NULL;
}

at_tracee *at_tracee_add(pid_t tid) {
  at_tracee *t = at_tracee_get(tid);
  if (t) return t;
  t = calloc(1, sizeof(*t));
  if (!t) return NULL;
  t->tid = tid;
  t->tgid = tid;
  t->memfd = -1;
  t->next = buckets[slot(tid)];
  buckets[slot(tid)] = t;
  count++;
  return t;
}

static unsigned nheld, hold_clock;

void at_tracee_remove(pid_t tid) {
  for (at_tracee **pp = &buckets[slot(tid)]; *pp; pp = &(*pp)->next) {
    at_tracee *t = *pp;
    if (t->tid != tid) continue;
    *pp = t->next;
    if (t->held) nheld--;
    at_tracee *leader = t->tgid != t->tid ? at_tracee_get(t->tgid) : NULL;
    if (leader && leader->nthreads > 0) leader->nthreads--;
    at_fence_forget(t);
    at_mem_forget(t);
    at_scratch_thread_gone(t);
    free(t->exec_args);
    free(t->approved_path);
    free(t);
    count--;
    return;
  }
}

size_t at_tracee_count(void) {
  return count;
}

void at_tracee_each(void (*fn)(at_tracee *t, void *arg), void *arg) {
  for (size_t i = 0; i < AT_BUCKETS; i++)
    for (at_tracee *t = buckets[i], *next; t; t = next) {
      next = t->next;
      fn(t, arg);
    }
}

void at_tracee_kill_all(void) {
  for (size_t i = 0; i < AT_BUCKETS; i++)
    for (at_tracee *t = buckets[i]; t; t = t->next) kill(t->tgid, SIGKILL);
}

/* 1 when ancestor_tgid is a strict ancestor of tgid among traced processes. */
int at_tracee_is_ancestor(pid_t ancestor_tgid, pid_t tgid) {
  for (int hops = 0; hops < 4096; hops++) {
    at_tracee *t = at_tracee_get(tgid);
    if (!t || t->ppid <= 1) return 0;
    if (t->ppid == ancestor_tgid) return 1;
    tgid = t->ppid;
  }
  return 0;
}

/* Tgid and PPid from /proc/<tid>/status (both within its first lines): one read, no stdio. */
static void read_ids(pid_t tid, pid_t *tgid, pid_t *ppid) {
  char p[64], buf[1024];
  snprintf(p, sizeof(p), "/proc/%d/status", tid);
  *tgid = tid;
  *ppid = 0;
  int fd = open(p, O_RDONLY | O_CLOEXEC);
  ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
  if (fd >= 0) close(fd);
  if (n <= 0) return;
  buf[n] = 0;
  const char *g = strstr(buf, "\nTgid:"), *pp = strstr(buf, "\nPPid:");
  if (g) *tgid = (pid_t)strtol(g + 6, NULL, 10);
  if (pp) *ppid = (pid_t)strtol(pp + 6, NULL, 10);
}

/* fork/vfork: a new process whose parent we know; it inherits the mappings. */
static void from_forker(at_tracee *t, const at_tracee *forker, int shares_mm) {
  const at_tracee *fl = at_tracee_get(forker->tgid);
  t->tgid = t->tid;
  t->ppid = forker->tgid;
  t->depth = forker->depth + 1;
  if (!t->scratch) t->scratch = fl ? fl->scratch : 0;
  t->shares_mm = shares_mm;
  t->vforked = shares_mm;
  t->forker_known = 1;
}

static void from_proc(at_tracee *t);

at_tracee *at_tracee_track(pid_t tid, const at_tracee *forker, int shares_mm) {
  at_tracee *t = at_tracee_get(tid);
  if (t && !t->held) {
    if (forker && !t->forker_known && t->tgid == tid) from_forker(t, forker, shares_mm); /* its stop came first */
    return t;
  }
  if (!t) t = at_tracee_add(tid);
  if (!t) return NULL;
  if (forker) from_forker(t, forker, shares_mm);
  else from_proc(t);
  return t;
}

/* A new thread or process of unknown kind: ids from /proc. */
static void from_proc(at_tracee *t) {
  pid_t tid = t->tid;
  read_ids(tid, &t->tgid, &t->ppid);
  t->shares_mm = t->tgid == tid && t->ppid > 1 && at_tracee_get(t->ppid) != NULL; /* CLONE_VM unknown */
  at_tracee *leader = t->tgid != tid ? at_tracee_get(t->tgid) : NULL;
  if (leader) leader->nthreads++;
  at_tracee *parent = at_tracee_get(t->ppid);
  if (leader) {
    t->depth = leader->depth;
    t->ppid = leader->ppid;
  } else {
    t->depth = parent ? parent->depth + 1 : 0;
  }
}

/* A vfork child shares its parent's memory, but the thread that called vfork stays suspended until
 * the child execs or exits: only other threads of the parent (or, for vforks of vforks, of an
 * ancestor up the chain) could write it. A CLONE_VM child of unknown kind always counts as shared. */
int at_tracee_memory_shared(const at_tracee *t) {
  if (t->tgid != t->tid) return 1;
  const at_tracee *l = at_tracee_get(t->tgid);
  for (int hops = 0; l && hops < 64; hops++) {
    if (l->nthreads > 0) return 1;
    if (!l->shares_mm) return 0;
    if (!l->vforked) return 1;
    l = at_tracee_get(l->ppid);
  }
  return 1;
}

/* A new child's first stop came before its parent's fork/vfork/clone event: keep it stopped until
 * the event says who it is (from_forker: no /proc read). */
at_tracee *at_tracee_hold(pid_t tid) {
  at_tracee *t = at_tracee_add(tid);
  if (!t) return NULL;
  t->held = 1;
  t->held_tick = hold_clock;
  nheld++;
  return t;
}

void at_tracee_release(at_tracee *t) {
  if (!t || !t->held) return;
  t->held = 0;
  nheld--;
  t->started = 1; /* its first stop is consumed */
  at_resume(t->tid, 0);
}

/* Every tick: a child held for a whole tick without its parent's event (the parent was killed in
 * between, say) takes its ids from /proc and runs. */
void at_tracee_release_stale(void) {
  hold_clock++;
  for (size_t i = 0; nheld && i < AT_BUCKETS; i++)
    for (at_tracee *t = buckets[i]; t; t = t->next)
      if (t->held && hold_clock - t->held_tick >= 2) {
        from_proc(t);
        at_tracee_release(t);
      }
}
