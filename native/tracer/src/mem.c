/* Reading and writing tracee memory: process_vm_readv where it works, else pread on a cached
 * /proc/<tid>/mem fd; writes (the scratch area is mapped read-only in the tracee, which only the
 * /proc/<tid>/mem path may write) use pwrite on that fd; PTRACE_PEEKDATA/POKEDATA are the fallback. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#include "session.h"

void at_mem_forget(at_tracee *t) {
  if (t->memfd >= 0) close(t->memfd);
  t->memfd = -1;
}

/* The entry whose /proc/<tid>/mem fd serves t: a thread reads through its leader's, a vfork child
 * through its parent's (the same memory until it execs; the fd holds the address space it was
 * opened on). Saves an open per thread and per vfork child (a Sentry call under gVisor). */
static at_tracee *mm_owner(at_tracee *t) {
  for (int hops = 0; hops < 64; hops++) {
    at_tracee *l = at_tracee_get(t->tgid);
    at_tracee *next = l && l != t ? l : t->vforked && t->shares_mm ? at_tracee_get(t->ppid) : NULL;
    if (!next) break;
    t = next;
  }
  return t;
}

static int open_mem(at_tracee *t) {
  if (t->memfd != -1) return t->memfd; /* -2: it could not be opened (until the next exec) */
  char p[64];
  snprintf(p, sizeof(p), "/proc/%d/mem", t->tid);
  t->memfd = open(p, O_RDWR | O_CLOEXEC);
  if (t->memfd < 0) t->memfd = open(p, O_RDONLY | O_CLOEXEC);
  if (t->memfd < 0) t->memfd = -2;
  return t->memfd;
}

/* The owner's fd, or t's own when the owner has none (a leader that exited keeps no memory). */
static int mem_fd(at_tracee *t) {
  at_tracee *o = mm_owner(t);
  int fd = open_mem(o);
  fd = fd >= 0 || o == t ? fd : open_mem(t);
  return fd >= 0 ? fd : -1;
}

static ssize_t peek_read(pid_t tid, uint64_t addr, void *buf, size_t n) {
  size_t done = 0;
  while (done < n) {
    uint64_t base = (addr + done) & ~(uint64_t)7;
    errno = 0;
    long word = ptrace(PTRACE_PEEKDATA, tid, (void *)base, 0);
    if (errno) return done ? (ssize_t)done : -errno;
    size_t off = (size_t)(addr + done - base);
    size_t take = 8 - off < n - done ? 8 - off : n - done;
    memcpy((char *)buf + done, (char *)&word + off, take);
    done += take;
  }
  return (ssize_t)done;
}

/* process_vm_readv needs no file descriptor per process (a /proc/<tid>/mem fd costs an open after
 * every exec); off after the first ENOSYS/EPERM (Debian's runsc), then pread of /proc/<tid>/mem. Any
 * other failure (an unmapped or unreadable page) falls back to pread/PEEKDATA for that read. */
static int vm_readv_ok = 1;

static ssize_t vm_read(pid_t tid, uint64_t addr, void *buf, size_t n) {
  struct iovec local = {buf, n}, remote = {(void *)(uintptr_t)addr, n};
  ssize_t r = process_vm_readv(tid, &local, 1, &remote, 1, 0);
  if (r < 0 && (errno == ENOSYS || errno == EPERM)) vm_readv_ok = 0;
  return r;
}

ssize_t at_mem_read(at_tracee *t, uint64_t addr, void *buf, size_t n) {
  if (vm_readv_ok) {
    ssize_t r = vm_read(t->tid, addr, buf, n);
    if (r > 0) return r;
  }
  int fd = mem_fd(t);
  if (fd >= 0) {
    ssize_t r = pread(fd, buf, n, (off_t)addr);
    if (r > 0) return r;
  }
  return peek_read(t->tid, addr, buf, n);
}

ssize_t at_mem_read_str(at_tracee *t, uint64_t addr, char *buf, size_t cap) {
  size_t done = 0;
  while (done + 1 < cap) {
    /* read up to the end of the current page so we never cross into an unmapped one; most
     * strings are short, so the first read takes 256 bytes, not the rest of the page */
    size_t page_left = 4096 - (size_t)((addr + done) & 4095);
    if (!done && page_left > 256) page_left = 256;
    size_t want = cap - 1 - done < page_left ? cap - 1 - done : page_left;
    ssize_t r = at_mem_read(t, addr + done, buf + done, want);
    if (r <= 0) return r < 0 ? r : -EFAULT;
    char *nul = memchr(buf + done, 0, (size_t)r);
    if (nul) return nul - buf;
    done += (size_t)r;
  }
  buf[cap - 1] = 0;
  return -ENAMETOOLONG;
}

/* gVisor's /proc/<pid>/mem refuses writes to read-only pages (EINVAL), where Linux forces them: after
 * the first such refusal every write goes word by word through PTRACE_POKEDATA. */
static int pwrite_refused;

int at_mem_write_cheap(void) {
  return !pwrite_refused;
}

int at_mem_write(at_tracee *t, uint64_t addr, const void *buf, size_t n) {
  int fd = pwrite_refused ? -1 : mem_fd(t);
  if (fd >= 0 && pwrite(fd, buf, n, (off_t)addr) == (ssize_t)n) return 0;
  if (fd >= 0 && errno == EINVAL) pwrite_refused = 1;
  size_t done = 0;
  while (done < n) {
    uint64_t base = (addr + done) & ~(uint64_t)7;
    size_t off = (size_t)(addr + done - base);
    size_t take = 8 - off < n - done ? 8 - off : n - done;
    long word = 0;
    if (off || take < 8) {
      errno = 0;
      word = ptrace(PTRACE_PEEKDATA, t->tid, (void *)base, 0);
      if (errno) return -errno;
    }
    memcpy((char *)&word + off, (const char *)buf + done, take);
    if (ptrace(PTRACE_POKEDATA, t->tid, (void *)base, (void *)word) != 0) return -errno;
    done += take;
  }
  return 0;
}

void at_argv_free(char **argv, int argc) {
  for (int i = 0; argv && i < argc; i++) free(argv[i]);
  free(argv);
}

/* Up to 64 pointers from addr, not crossing into the next page; returns how many were read. */
static int read_ptrs(at_tracee *t, uint64_t addr, uint64_t *ptrs) {
  size_t page_left = 4096 - (size_t)(addr & 4095);
  size_t want = page_left < 64 * 8 ? page_left : 64 * 8;
  if (want < 8) want = 8;
  ssize_t r = at_mem_read(t, addr, ptrs, want);
  return r < 8 ? -1 : (int)(r / 8);
}

int at_mem_read_argv(at_tracee *t, uint64_t addr, at_argv *out) {
  memset(out, 0, sizeof(*out));
  char **argv = calloc(AT_ARGV_MAX + 1, sizeof(char *));
  char *joined = malloc(AT_ARGS_BYTES + 1);
  char *tmp = malloc(AT_ARGS_BYTES);
  int argc = 0, err = 0, truncated = 0;
  size_t jl = 0;
  if (!argv || !joined || !tmp) err = -ENOMEM;
  uint64_t ptrs[64];
  int have = 0, base = 0; /* ptrs[] holds argv[base .. base+have) */
  for (;;) { /* argv and its joined form share one byte budget; past it the rest is cut */
    uint64_t p = 0;
    if (err || !addr) break;
    if (argc >= base + have) {
      base = argc;
      have = read_ptrs(t, addr + (uint64_t)argc * 8, ptrs);
      if (have <= 0) err = -EFAULT;
    }
    if (!err) p = ptrs[argc - base];
    if (err || !p) break;
    ssize_t n = at_mem_read_str(t, p, tmp, AT_ARGS_BYTES);
    if (n < 0 && n != -ENAMETOOLONG) err = (int)n;
    size_t len = strlen(tmp);
    if (err || argc >= AT_ARGV_MAX || n == -ENAMETOOLONG || jl + len + 1 >= AT_ARGS_BYTES) {
      truncated = !err;
      break;
    }
    argv[argc] = strdup(tmp);
    if (!argv[argc]) err = -ENOMEM;
    argc++;
    if (jl) joined[jl++] = ' ';
    memcpy(joined + jl, tmp, len);
    jl += len;
  }
  free(tmp);
  if (err) {
    at_argv_free(argv, argc);
    free(joined);
    return err;
  }
  joined[jl] = 0;
  out->argv = argv;
  out->argc = argc;
  out->joined = joined;
  out->truncated = truncated;
  return 0;
}
