/* A non-leader thread calls execv(argv[1], argv+1): the kernel kills the other threads and the
 * execing thread takes over the leader's pid. Prints the errno when the exec is refused. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static char **args;

static void *run(void *arg) {
  (void)arg;
  execv(args[0], args);
  printf("exec failed %d\n", errno);
  fflush(stdout);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  args = argv + 1;
  pthread_t th;
  pthread_create(&th, NULL, run, NULL);
  pthread_join(th, NULL);
  return 0;
}
