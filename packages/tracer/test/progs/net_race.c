/* TOCTOU probe: a second thread flips a shared sockaddr between ALLOWED and DENIED while the main
 * thread connects through it. With the checked sockaddr pinned, every connect that succeeds must have
 * reached ALLOWED. Prints "landed-denied=N ok=N refused=N". Used only inside a network namespace.
 *   net_race ALLOWED DENIED PORT ROUNDS
 * Mode mmsg: each round is one sendmmsg on an unconnected UDP socket of two datagrams (3 and 7
 * bytes), the first to the flipped sockaddr, the second to ALLOWED:PORT+1 (a partial send is
 * continued with the rest, as callers must); prints "sent=N
 * lens-ok=N refused=N" (lens-ok: both msg_len values came back right). The caller counts what
 * arrived where.   net_race mmsg ALLOWED DENIED PORT ROUNDS */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in shared_sa;
static struct in_addr good, bad;
static atomic_int stop;

static void *flipper(void *arg) {
  (void)arg;
  volatile struct sockaddr_in *sa = &shared_sa;
  while (!atomic_load(&stop)) {
    sa->sin_addr = bad;
    sa->sin_addr = good;
  }
  return NULL;
}

static int mmsg_rounds(int rounds, unsigned short port) {
  struct sockaddr_in second = shared_sa;
  second.sin_addr = good;
  second.sin_port = htons((unsigned short)(port + 1));
  int fd = socket(AF_INET, SOCK_DGRAM, 0), sent = 0, lens_ok = 0, refused = 0;
  for (int i = 0; i < rounds; i++) {
    struct iovec io[2] = {{"abc", 3}, {"defghij", 7}};
    struct mmsghdr v[2];
    memset(v, 0, sizeof(v));
    v[0].msg_hdr = (struct msghdr){.msg_name = &shared_sa, .msg_namelen = sizeof(shared_sa), .msg_iov = &io[0], .msg_iovlen = 1};
    v[1].msg_hdr = (struct msghdr){.msg_name = &second, .msg_namelen = sizeof(second), .msg_iov = &io[1], .msg_iovlen = 1};
    int done = 0, n = 0;
    while (done < 2 && (n = sendmmsg(fd, v + done, 2 - done, 0)) > 0) done += n; /* partial sends go on */
    if (done == 2) sent++;
    if (done == 2 && v[0].msg_len == 3 && v[1].msg_len == 7) lens_ok++;
    if (done == 0 && n < 0 && errno == EACCES) refused++;
  }
  close(fd);
  atomic_store(&stop, 1);
  printf("sent=%d lens-ok=%d refused=%d\n", sent, lens_ok, refused);
  return 0;
}

int main(int argc, char **argv) {
  int mmsg = argc == 6 && strcmp(argv[1], "mmsg") == 0;
  if (mmsg) argv++, argc--;
  if (argc != 5) return 2;
  inet_pton(AF_INET, argv[1], &good);
  inet_pton(AF_INET, argv[2], &bad);
  shared_sa.sin_family = AF_INET;
  shared_sa.sin_port = htons((unsigned short)atoi(argv[3]));
  shared_sa.sin_addr = good;
  int rounds = atoi(argv[4]);
  pthread_t th;
  pthread_create(&th, NULL, flipper, NULL);
  if (mmsg) {
    int rc = mmsg_rounds(rounds, (unsigned short)atoi(argv[3]));
    pthread_join(th, NULL);
    return rc;
  }
  int landed_bad = 0, ok = 0, refused = 0;
  for (int i = 0; i < rounds; i++) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, (struct sockaddr *)&shared_sa, sizeof(shared_sa)) == 0) {
      struct sockaddr_in peer;
      socklen_t len = sizeof(peer);
      getpeername(fd, (struct sockaddr *)&peer, &len);
      if (peer.sin_addr.s_addr == bad.s_addr) landed_bad++;
      else ok++;
    } else if (errno == EACCES) {
      refused++;
    }
    close(fd);
  }
  atomic_store(&stop, 1);
  pthread_join(th, NULL);
  printf("landed-denied=%d ok=%d refused=%d\n", landed_bad, ok, refused);
  return 0;
}
