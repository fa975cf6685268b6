/* The walk fence across helpers (see xfence.h and fence.c). The shared file holds a holder pid, a
 * running flag and one slot per helper (pid, start time, walker count). Ordering is Dekker's: a helper counts a
 * thread as walking before it looks at the holder, and a holder marks itself running before it
 * looks at the walker counts, so one of the two always sees the other. Wake-ups are SIGUSR2. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xfence.h"

#define AT_XF_SLOTS 1024 /* concurrent helpers (commands) sharing one file */

typedef struct {
  _Atomic int pid;
  _Atomic int walkers;
  _Atomic unsigned long long start; /* the helper's start time (/proc/<pid>/stat): a reused pid is not it */
} xf_slot;

typedef struct {
  _Atomic int holder;
  _Atomic int running;
  xf_slot slot[AT_XF_SLOTS];
} xf_file;

static xf_file *xf;
static xf_slot *mine;
static char *xf_path;
static int self; /* this helper's pid (no getpid syscall per stop: under gVisor each costs ~20 µs) */
static volatile sig_atomic_t kicked;

static void on_kick(int sig) {
  (void)sig;
  kicked = 1;
}

static unsigned long long start_of(int pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof(path), "/proc/%d/stat", pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  if (n <= 0) return 0;
  buf[n] = 0;
  char *p = strrchr(buf, ')'); /* the command name may hold spaces: fields count from its end */
  for (int field = 2; p && field < 22; field++) p = strchr(p + 1, ' ');
  return p ? strtoull(p + 1, NULL, 10) : 0;
}

/* The helper that took the slot still runs (not merely a process that got its pid since). */
static int alive(const xf_slot *s) {
  int pid = atomic_load(&s->pid);
  if (pid < 0) return kill(-pid, 0) == 0 || errno != ESRCH; /* being claimed: its start is not there yet */
  if (pid == 0 || (kill(pid, 0) != 0 && errno == ESRCH)) return 0;
  return start_of(pid) == atomic_load(&s->start);
}

static xf_slot *slot_of(int pid) {
  for (int i = 0; i < AT_XF_SLOTS; i++)
    if (atomic_load(&xf->slot[i].pid) == pid) return &xf->slot[i];
  return NULL;
}

int at_xfence_open(const char *path) {
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -errno;
  if (ftruncate(fd, sizeof(xf_file)) != 0 && errno != EINVAL) { /* same size for every helper */
    int e = errno;
    close(fd);
    return -e;
  }
  void *m = mmap(NULL, sizeof(xf_file), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);
  if (m == MAP_FAILED) return -errno;
  xf = m;
  int me = self = getpid();
  for (int i = 0; i < AT_XF_SLOTS && !mine; i++) {
    int cur = atomic_load(&xf->slot[i].pid);
    if (cur && alive(&xf->slot[i])) continue;
    if (atomic_compare_exchange_strong(&xf->slot[i].pid, &cur, -me)) { /* -pid: claimed, not set up */
      atomic_store(&xf->slot[i].walkers, 0);
      atomic_store(&xf->slot[i].start, start_of(me));
      atomic_store(&xf->slot[i].pid, me);
      mine = &xf->slot[i];
    }
  }
  if (!mine) return -ENOSPC;
  xf_path = strdup(path);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = on_kick; /* no SA_RESTART: it interrupts the loop's wait4 */
  sigaction(SIGUSR2, &sa, NULL);
  return 0;
}

void at_xfence_close(void) {
  if (!xf) return;
  int me = self;
  if (atomic_load(&xf->holder) == me) at_xfence_release();
  atomic_store(&mine->walkers, 0);
  atomic_store(&mine->pid, 0);
}

void at_xfence_walkers(int delta) {
  if (mine) atomic_fetch_add(&mine->walkers, delta);
}

int at_xfence_blocked(void) {
  if (!xf) return 0;
  int h = atomic_load(&xf->holder);
  return h != 0 && h != self;
}

int at_xfence_acquire(void) {
  if (!xf) return 1;
  int none = 0;
  return atomic_compare_exchange_strong(&xf->holder, &none, self) || none == self;
}

static int others_idle(void) {
  for (int i = 0; i < AT_XF_SLOTS; i++) {
    xf_slot *s = &xf->slot[i];
    if (s != mine && atomic_load(&s->pid) && atomic_load(&s->walkers) > 0) return 0;
  }
  return 1;
}

int at_xfence_ready(void) {
  if (!xf) return 1;
  atomic_store(&xf->running, 1);
  if (others_idle()) return 1;
  atomic_store(&xf->running, 0);
  return 0;
}

static void wake(int only_walkers) {
  for (int i = 0; i < AT_XF_SLOTS; i++) {
    xf_slot *s = &xf->slot[i];
    int pid = atomic_load(&s->pid);
    if (s != mine && pid > 0 && (!only_walkers || atomic_load(&s->walkers) > 0)) kill(pid, SIGUSR2);
  }
}

void at_xfence_release(void) {
  int me = self;
  if (!xf || atomic_load(&xf->holder) != me) return;
  atomic_store(&xf->running, 0);
  atomic_compare_exchange_strong(&xf->holder, &me, 0);
  wake(0);
}

void at_xfence_wake_holder(void) {
  int h = xf ? atomic_load(&xf->holder) : 0;
  if (h && h != self) kill(h, SIGUSR2);
}

void at_xfence_wake_walkers(void) {
  if (xf) wake(1);
}

/* Only what can hold this helper up is looked at: another helper's claim while blocked by it, the
 * walker counts while this helper holds the fence. A dead helper's tracees died with it (EXITKILL). */
void at_xfence_reap(void) {
  if (!xf) return;
  int h = atomic_load(&xf->holder), me = self;
  if (h && h != me) {
    xf_slot *s = slot_of(h);
    if ((!s || !alive(s)) && atomic_compare_exchange_strong(&xf->holder, &h, 0)) {
      atomic_store(&xf->running, 0);
      wake(0);
    }
    return;
  }
  for (int i = 0; h == me && i < AT_XF_SLOTS; i++) {
    xf_slot *s = &xf->slot[i];
    int pid = atomic_load(&s->pid);
    if (s == mine || pid <= 0 || atomic_load(&s->walkers) == 0 || alive(s)) continue;
    atomic_store(&s->walkers, 0);
    atomic_compare_exchange_strong(&s->pid, &pid, 0);
  }
}

int at_xfence_kicked(void) {
  if (!kicked) return 0;
  kicked = 0;
  return 1;
}

const char *at_xfence_path(void) {
  return xf_path;
}
