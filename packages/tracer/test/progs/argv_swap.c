/* execv(argv[1], {argv[1], "safe"}) while a second thread rewrites "safe" to "EVIL" 300 ms later:
 * under an approval that waits longer, the kernel would copy the rewritten argv unless the tracer
 * pinned the argv it judged. */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

static char word[] = "safe";

static void *flip(void *arg) {
  (void)arg;
  usleep(300000);
  memcpy(word, "EVIL", 4);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  pthread_t th;
  pthread_create(&th, NULL, flip, NULL);
  char *const args[] = {argv[1], word, NULL};
  execv(argv[1], args);
  return 127;
}
