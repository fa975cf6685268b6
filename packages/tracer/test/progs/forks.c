/* Runs `cat /dev/null` through fork, vfork, clone3 (raw) and from a second thread; prints the
 * errno each exec attempt saw ("0" when it ran). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char *const argv_cat[] = {"cat", "/dev/null", NULL};

static int wait_code(pid_t pid) {
  int st;
  if (waitpid(pid, &st, 0) != pid) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void *thread_exec(void *arg) {
  (void)arg;
  pid_t pid = fork();
  if (pid == 0) {
    execv("/usr/bin/cat", argv_cat);
    _exit(errno);
  }
  printf("thread-fork %d\n", wait_code(pid));
  return NULL;
}

int main(void) {
  pid_t pid = fork();
  if (pid == 0) {
    execv("/usr/bin/cat", argv_cat);
    _exit(errno);
  }
  printf("fork %d\n", wait_code(pid));
  pid = vfork();
  if (pid == 0) {
    execv("/usr/bin/cat", argv_cat);
    _exit(errno);
  }
  printf("vfork %d\n", wait_code(pid));
  struct clone_args ca;
  memset(&ca, 0, sizeof(ca));
  ca.exit_signal = SIGCHLD;
  long r = syscall(SYS_clone3, &ca, sizeof(ca));
  if (r == 0) {
    execv("/usr/bin/cat", argv_cat);
    _exit(errno);
  }
  printf("clone3 %s\n", r < 0 ? strerror(errno) : "ran");
  if (r > 0) wait_code((pid_t)r);
  pthread_t th;
  pthread_create(&th, NULL, thread_exec, NULL);
  pthread_join(th, NULL);
  fflush(stdout);
  return 0;
}
