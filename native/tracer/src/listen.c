/* listen(): it has no address, so what an allowed bind under this tracer gave a socket (an AF_UNIX
 * path, or an IP address and port) is remembered per (tgid, fd) with the socket's inode, and listen is
 * judged against it with the 'listen' operation: unix socket rules for paths, network rules for IP.
 * When the network is policed, an IP socket this tracer did not see bound (autobind at listen,
 * inherited, or the fd reused for another socket: the inode differs) is judged as 0.0.0.0 port 0.
 * Unix sockets bound elsewhere listen unjudged (inherited servers). */
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
  int ip; /* 1: d/text, 0: path */
  at_net_dest d;
  char text[48];
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

static bound *slot_for(const at_tracee *t, int fd) {
  bound *b = NULL;
  for (unsigned i = 0; i < AT_BOUND_MAX && !b; i++)
    if (tab[i].tgid == t->tgid && tab[i].fd == fd) b = &tab[i];
  if (!b) b = &tab[next_slot++ % AT_BOUND_MAX];
  memset(b, 0, sizeof(*b));
  b->tgid = t->tgid;
  b->fd = fd;
  if (socket_id(t->tgid, fd, b->ino, sizeof(b->ino)) != 0) b->ino[0] = 0;
  return b;
}

void at_unix_bound(const at_tracee *t, int fd, const char *path) {
  bound *b = slot_for(t, fd);
  snprintf(b->path, sizeof(b->path), "%s", path);
}

void at_ip_bound(const at_tracee *t, int fd, const at_net_dest *d) {
  bound *b = slot_for(t, fd);
  b->ip = 1;
  b->d = *d;
  snprintf(b->text, sizeof(b->text), "%s", d->text ? d->text : "?");
  b->d.text = b->text;
  b->d.names = NULL;
  b->d.nnames = 0;
}

/* 1 when the inode (as "socket:[N]") is an AF_UNIX socket of the tracee's network namespace. */
static int is_unix_socket(pid_t tgid, const char *ino) {
  char file[64], line[512], want[32];
  const char *open_br = strchr(ino, '[');
  if (!open_br) return 0;
  snprintf(want, sizeof(want), " %.*s", (int)strcspn(open_br + 1, "]"), open_br + 1);
  snprintf(file, sizeof(file), "/proc/%d/net/unix", (int)tgid);
  FILE *f = fopen(file, "re");
  if (!f) return 0;
  int found = 0;
  size_t wl = strlen(want);
  while (!found && fgets(line, sizeof(line), f)) { /* "Num RefCount Protocol Flags Type St Inode Path" */
    char *p = strstr(line, want);
    found = p && (p[wl] == ' ' || p[wl] == '\n' || p[wl] == 0);
  }
  fclose(f);
  return found;
}

static void judge_ip(at_tracee *t, struct user_regs_struct *r, at_event *e, const at_net_dest *d) {
  at_verdict v;
  e->type = "network";
  e->family = d->v == 6 ? "inet6" : "inet";
  e->address = d->text;
  e->port = d->port;
  at_decide_net(at_sess.table, d, &v);
  if (v.effective == AT_D_REDIRECT) {
    v.effective = AT_D_DENY; /* connect redirects rewrite outgoing connections only */
    e->note = "a connect redirect matched a listen: denied";
  }
  at_apply(t, r, e, &v, EACCES);
}

void at_stop_listen(at_tracee *t, struct user_regs_struct *r) {
  int fd = (int)at_arg(r, 0);
  char ino[48];
  bound *b = NULL;
  int have = socket_id(t->tgid, fd, ino, sizeof(ino)) == 0;
  for (unsigned i = 0; have && i < AT_BOUND_MAX && !b; i++)
    if (tab[i].tgid == t->tgid && tab[i].fd == fd && tab[i].ino[0] && strcmp(ino, tab[i].ino) == 0) b = &tab[i];
  int net = (at_sess.table->stop & AT_STOP_NETWORK) != 0;
  at_event e;
  memset(&e, 0, sizeof(e));
  e.syscall = "listen";
  e.operation = "listen";
  if (b && b->ip && net) {
    judge_ip(t, r, &e, &b->d);
    return;
  }
  if (!b && have && net && !is_unix_socket(t->tgid, ino)) {
    static const at_net_dest any = {.v = 4, .text = "0.0.0.0"};
    e.note = "socket not bound under this tracer (autobind or inherited)";
    judge_ip(t, r, &e, &any);
    return;
  }
  if (!b || b->ip || !(at_sess.table->stop & AT_STOP_UNIX)) {
    at_resume(t->tid, 0);
    return;
  }
  e.type = "unix_socket";
  e.path = b->path;
  at_verdict v;
  at_decide_unix(at_sess.table, b->path, AT_UNIX_LISTEN, &v);
  if (v.effective == AT_D_REDIRECT || v.effective == AT_D_SOFT_DELETE) v.effective = AT_D_DENY;
  at_apply(t, r, &e, &v, EACCES);
}
