/* vfork_swap PROG N: N times vfork + execv(PROG, {PROG, word}) while a second thread of this
 * process keeps flipping word between "safe" and "EVIL". The vfork child shares this memory and
 * only the calling thread waits for it, so the flipping thread can rewrite the argv between the
 * tracer's check and the kernel's copy unless the tracer pinned what it judged. Prints one line
 * per exit status class: "ran N" (children that exec'd and exited 0), "refused N" (others). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char word[] = "safe";
static volatile int stop;

static void *flip(void *arg) {
  (void)arg;
  while (!stop) {
    memcpy(word, "EVIL", 4);
    __asm__ volatile("" ::: "memory"); /* keep both stores */
    memcpy(word, "safe", 4);
    __asm__ volatile("" ::: "memory");
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  int n = atoi(argv[2]), ran = 0, refused = 0;
  pthread_t th;
  pthread_create(&th, NULL, flip, NULL);
  char *const args[] = {argv[1], word, NULL};
  for (int i = 0; i < n; i++) {
    pid_t c = vfork();
    if (c == 0) {
      execv(argv[1], args);
      _exit(127);
    }
    int st = 0;
    waitpid(c, &st, 0);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) ran++;
    else refused++;
  }
  stop = 1;
  pthread_join(th, NULL);
  fprintf(stderr, "ran %d refused %d\n", ran, refused);
  return 0;
}
