/* The table of traced threads, keyed by tid (chained hash). */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "session.h"

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

void at_tracee_remove(pid_t tid) {
  for (at_tracee **pp = &buckets[slot(tid)]; *pp; pp = &(*pp)->next) {
    at_tracee *t = *pp;
    if (t->tid != tid) continue;
    *pp = t->next;
    at_tracee *leader = t->tgid != t->tid ? at_tracee_get(t->tgid) : NULL;
    if (leader && leader->nthreads > 0) leader->nthreads--;
    at_mem_forget(t);
    free(t->exec_args);
    free(t);
    count--;
    return;
  }
}

size_t at_tracee_count(void) {
  return count;
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
