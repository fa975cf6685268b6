/* TOCTOU probe: a second thread flips a shared sockaddr between ALLOWED and DENIED while the main
 * thread connects through it. With the checked sockaddr pinned, every connect that succeeds must have
 * reached ALLOWED. Prints "landed-denied=N ok=N refused=N". Used only inside a network namespace.
 *   net_race ALLOWED DENIED PORT ROUNDS */
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

int main(int argc, char **argv) {
  if (argc != 5) return 2;
  inet_pton(AF_INET, argv[1], &good);
  inet_pton(AF_INET, argv[2], &bad);
  shared_sa.sin_family = AF_INET;
  shared_sa.sin_port = htons((unsigned short)atoi(argv[3]));
  shared_sa.sin_addr = good;
  int rounds = atoi(argv[4]);
  pthread_t th;
  pthread_create(&th, NULL, flipper, NULL);
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
