/* Copies the daemon's frames ('o' stdout, 'e' stderr, 'x' exit code) to this process's fds. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "client.h"

static int read_full(int fd, unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t r = read(fd, p, n);
    if (r <= 0) return -1;
    p += r;
    n -= (size_t)r;
  }
  return 0;
}

static int copy_payload(int sock, int out, uint32_t len) {
  unsigned char buf[65536];
  while (len > 0) {
    size_t chunk = len < sizeof buf ? len : sizeof buf;
    if (read_full(sock, buf, chunk) < 0) return -1;
    for (size_t done = 0; done < chunk;) {
      ssize_t w = write(out, buf + done, chunk - done);
      if (w < 0) return -1;
      done += (size_t)w;
    }
    len -= (uint32_t)chunk;
  }
  return 0;
}

int at_copy_frames(int sock) {
  for (;;) {
    unsigned char head[5];
    if (read_full(sock, head, sizeof head) < 0) return -1;
    uint32_t len = (uint32_t)head[1] << 24 | (uint32_t)head[2] << 16 | (uint32_t)head[3] << 8 | head[4];
    if (head[0] == 'x') {
      char code[16] = {0};
      if (len >= sizeof code || read_full(sock, (unsigned char *)code, len) < 0) return -1;
      return atoi(code);
    }
    if (head[0] != 'o' && head[0] != 'e') return -1;
    if (copy_payload(sock, head[0] == 'o' ? 1 : 2, len) < 0) return -1;
  }
}
