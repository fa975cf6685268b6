/* listen() on an AF_UNIX socket: listen has no address, so the path a socket was bound to (by an
 * allowed bind under this tracer) is remembered per (tgid, fd) with the socket's inode, and listen
 * is judged against it with the 'listen' operation. A socket bound elsewhere (inherited, autobind)
 * or an fd reused for another socket (inode differs) is not judged. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stops.h"
#include "sysnr.h"

#define AT_BOUND_MAX 256

typedef struct {
  pid_t tgid;
  int fd;
  char ino[48];
  char path[PATH_MAX + 8];
} bound;

static bound tab[AT_BOUND_MAX];
static unsigned next_slot;

static int socket_id(pid_t tgid, int fd, char *out, size_t cap) {
  char link[64];
  snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)tgid, fd);
  ssize_t n = readlink(link, out, cap - 1);
  if (n <= 0) return -1;
  out[n] = 0;
  return strncmp(out, "socket:", 7) == 0 ? 0 : -1;
}

void at_unix_bound(const at_tracee *t, int fd, const char *path) {
  bound *b = NULL;
  for (unsigned i = 0; i < AT_BOUND_MAX && !b; i++)
    if (tab[i].tgid == t->tgid && tab[i].fd == fd) b = &tab[i];
  if (!b) b = &tab[next_slot++ % AT_BOUND_MAX];
  b->tgid = t->tgid;
  b->fd = fd;
  if (socket_id(t->tgid, fd, b->ino, sizeof(b->ino)) != 0) b->ino[0] = 0;
  snprintf(b->path, sizeof(b->path), "%s", path);
}

void at_stop_listen(at_tracee *t, struct user_regs_struct *r) {
  int fd = (int)at_arg(r, 0);
  char ino[48];
  bound *b = NULL;
  for (unsigned i = 0; i < AT_BOUND_MAX && !b; i++)
    if (tab[i].tgid == t->tgid && tab[i].fd == fd && tab[i].ino[0]) b = &tab[i];
  if (!b || !(at_sess.table->stop & AT_STOP_UNIX) || socket_id(t->tgid, fd, ino, sizeof(ino)) != 0 ||
      strcmp(ino, b->ino) != 0) {
    at_resume(t->tid, 0);
    return;
  }
  at_event e;
  memset(&e, 0, sizeof(e));
  e.type = "unix_socket";
  e.syscall = "listen";
  e.operation = "listen";
  e.path = b->path;
  at_verdict v;
  at_decide_unix(at_sess.table, b->path, AT_UNIX_LISTEN, &v);
  if (v.effective == AT_D_REDIRECT || v.effective == AT_D_SOFT_DELETE) v.effective = AT_D_DENY;
  at_apply(t, r, &e, &v, EACCES);
}
