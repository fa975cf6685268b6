/* Tries each escape route named on the command line and prints "<name> <result>", where result
 * is "ok" when the call succeeded (an escape) or the errno name when it was refused. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *res(long r) {
  return r >= 0 ? "ok" : strerrorname_np(errno);
}

static pid_t sleeper(void) {
  pid_t pid = fork();
  if (pid == 0) {
    pause();
    _exit(0);
  }
  return pid;
}

static void reap(pid_t pid) {
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
}

static long int80_getpid(void) {
  long ret;
  __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
  return ret;
}

static long run(const char *n) {
  static char buf[64] = "data";
  if (!strcmp(n, "ptrace")) {
    pid_t p = sleeper();
    long r = ptrace(PTRACE_ATTACH, p, 0, 0);
    reap(p);
    return r;
  }
  if (!strcmp(n, "traceme")) return ptrace(PTRACE_TRACEME, 0, 0, 0);
  if (!strcmp(n, "vm_writev")) {
    pid_t p = sleeper();
    struct iovec l = {buf, 4}, r = {buf, 4};
    long x = process_vm_writev(p, &l, 1, &r, 1, 0);
    reap(p);
    return x;
  }
  if (!strcmp(n, "proc_mem_write")) {
    pid_t p = sleeper();
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/mem", p);
    long fd = open(path, O_RDWR);
    reap(p);
    return fd;
  }
  if (!strcmp(n, "proc_self_mem_write")) return open("/proc/self/mem", O_WRONLY);
  if (!strcmp(n, "clone_untraced")) {
    long r = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
    if (r == 0) _exit(0);
    if (r > 0) waitpid((pid_t)r, NULL, 0);
    return r;
  }
  if (!strcmp(n, "clone_fs") || !strcmp(n, "clone_files") || !strcmp(n, "clone_plain")) {
    /* a child sharing the cwd or fd table but not memory could chdir/re-point an fd mid-check */
    unsigned long f = !strcmp(n, "clone_fs") ? CLONE_FS : !strcmp(n, "clone_files") ? CLONE_FILES : 0;
    long r = syscall(SYS_clone, f | SIGCHLD, 0, 0, 0, 0);
    if (r == 0) _exit(0);
    if (r > 0) waitpid((pid_t)r, NULL, 0);
    return r;
  }
  if (!strcmp(n, "clone_newuser")) {
    long r = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
    if (r == 0) _exit(0);
    if (r > 0) waitpid((pid_t)r, NULL, 0);
    return r;
  }
  if (!strcmp(n, "io_uring")) {
    char params[120] = {0};
    return syscall(SYS_io_uring_setup, 4, params);
  }
  if (!strcmp(n, "int80")) {
    long r = int80_getpid();
    if (r < 0) errno = (int)-r;
    return r < 0 ? -1 : r;
  }
  if (!strcmp(n, "x32")) return syscall(39 | 0x40000000);
  if (!strcmp(n, "open_by_handle")) {
    char h[128 + 8] = {0};
    ((unsigned *)h)[0] = 128;
    int mount_id;
    syscall(SYS_name_to_handle_at, AT_FDCWD, "/", h, &mount_id, 0);
    return syscall(SYS_open_by_handle_at, AT_FDCWD, h, O_RDONLY);
  }
  if (!strcmp(n, "user_notif")) {
    struct sock_filter f[] = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    struct sock_fprog p = {1, f};
    return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &p);
  }
  if (!strcmp(n, "unshare_mnt")) return unshare(CLONE_NEWNS);
  if (!strcmp(n, "unshare_user")) return unshare(CLONE_NEWUSER);
  if (!strcmp(n, "setns")) return setns(open("/proc/self/ns/mnt", O_RDONLY), 0);
  if (!strcmp(n, "mount")) return mount("tmpfs", getenv("ESCAPE_DIR"), "tmpfs", 0, NULL); /* a scratch dir, never /tmp */
  if (!strcmp(n, "open_tree")) return syscall(428, AT_FDCWD, getenv("ESCAPE_DIR"), 1);
  if (!strcmp(n, "move_mount")) return syscall(429, -1, "", AT_FDCWD, getenv("ESCAPE_DIR"), 4);
  if (!strcmp(n, "fsopen")) return syscall(430, "tmpfs", 0);
  if (!strcmp(n, "pivot_root")) return syscall(SYS_pivot_root, getenv("ESCAPE_DIR"), getenv("ESCAPE_DIR"));
  if (!strcmp(n, "chroot")) return chroot(getenv("ESCAPE_DIR"));
  if (!strcmp(n, "memfd_exec") || !strcmp(n, "proc_fd_exec") || !strcmp(n, "execveat_fd")) {
    int src = open(getenv("ESCAPE_BIN"), O_RDONLY);
    int fd = src;
    if (strcmp(n, "execveat_fd") != 0) {
      fd = memfd_create("x", 0);
      struct stat st;
      fstat(src, &st);
      sendfile(fd, src, NULL, (size_t)st.st_size);
    }
    char *const argv[] = {"x", "/dev/null", NULL};
    char path[64];
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    pid_t p = fork();
    if (p == 0) {
      if (!strcmp(n, "proc_fd_exec")) execv(path, argv);
      else syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH);
      _exit(errno);
    }
    int st;
    waitpid(p, &st, 0);
    errno = WEXITSTATUS(st);
    return errno ? -1 : 0;
  }
  /* Host administration, with arguments the kernel rejects anyway (EINVAL untraced, never harmful):
   * under the tracer these must fail with EPERM from the filter. */
  if (!strcmp(n, "reboot")) return syscall(SYS_reboot, 0, 0, 0, 0);
  if (!strcmp(n, "sethostname")) return syscall(SYS_sethostname, "x", -1L);
  if (!strcmp(n, "settimeofday")) return syscall(SYS_settimeofday, NULL, NULL);
  if (!strcmp(n, "iopl")) return syscall(SYS_iopl, 99);
  errno = EINVAL;
  return -1;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) printf("%s %s\n", argv[i], res(run(argv[i])));
  return 0;
}
