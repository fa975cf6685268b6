/* Network probe for the tracer's tests.
 *   netconn connect ADDR PORT          TCP connect (IPv4 or IPv6 literal), prints ok or err=ERRNO
 *   netconn dns MODE ADDR NAME         one A query for NAME to ADDR:53, MODE sendto|sendmsg|sendmmsg|
 *                                      connect|tcp|recvmmsg; prints the first A address or err=ERRNO
 *                                      (recvmmsg: sendto, then the reply read with recvmmsg, its source
 *                                      printed first as from=ADDR:PORT)
 * NETCONN_THREAD=1 starts an idle second thread first (the tracer then pins what it checked).
 * Used only inside `unshare --net` or `runsc --network=none`. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int fill(const char *addr, int port, struct sockaddr_storage *ss, socklen_t *len) {
  memset(ss, 0, sizeof(*ss));
  struct sockaddr_in *in = (struct sockaddr_in *)ss;
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
  if (inet_pton(AF_INET, addr, &in->sin_addr) == 1) {
    in->sin_family = AF_INET;
    in->sin_port = htons((unsigned short)port);
    *len = sizeof(*in);
    return AF_INET;
  }
  if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((unsigned short)port);
    *len = sizeof(*in6);
    return AF_INET6;
  }
  return -1;
}

static int fail(void) {
  printf("err=%s\n", strerrorname_np(errno) ? strerrorname_np(errno) : "?");
  return 1;
}

static size_t query(unsigned char *q, const char *name) {
  size_t n = 0;
  unsigned char hdr[12] = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0};
  memcpy(q, hdr, 12);
  n = 12;
  const char *p = name;
  while (*p) {
    const char *dot = strchr(p, '.');
    size_t l = dot ? (size_t)(dot - p) : strlen(p);
    q[n++] = (unsigned char)l;
    memcpy(q + n, p, l);
    n += l;
    p += l + (dot ? 1 : 0);
  }
  q[n++] = 0;
  q[n++] = 0, q[n++] = 1, q[n++] = 0, q[n++] = 1;
  return n;
}

static int answer(const unsigned char *a, ssize_t n) {
  if (n < 12 || a[0] != 0x12 || a[1] != 0x34 || (a[7] | a[6] << 8) == 0) {
    printf("err=noanswer\n");
    return 1;
  }
  /* the last 4 bytes are the first (only) A record's address in the stand-in's answers */
  printf("%d.%d.%d.%d\n", a[n - 4], a[n - 3], a[n - 2], a[n - 1]);
  return 0;
}

static void *idle(void *arg) {
  (void)arg;
  for (;;) pause();
  return NULL;
}

int main(int argc, char **argv) {
  pthread_t th;
  if (getenv("NETCONN_THREAD")) pthread_create(&th, NULL, idle, NULL);
  struct sockaddr_storage ss;
  socklen_t len;
  struct timeval tv = {3, 0};
  if (argc == 4 && strcmp(argv[1], "connect") == 0) {
    int fam = fill(argv[2], atoi(argv[3]), &ss, &len);
    int fd = socket(fam, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len) != 0) return fail();
    printf("ok\n");
    return 0;
  }
  if (argc != 5 || strcmp(argv[1], "dns") != 0) return 2;
  const char *mode = argv[2];
  int fam = fill(argv[3], 53, &ss, &len);
  unsigned char q[512], a[512];
  size_t qn = query(q, argv[4]);
  int tcp = strcmp(mode, "tcp") == 0;
  int fd = socket(fam, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
  if (fd < 0) return fail();
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  if (tcp) {
    if (connect(fd, (struct sockaddr *)&ss, len) != 0) return fail();
    unsigned char buf[514] = {(unsigned char)(qn >> 8), (unsigned char)qn};
    memcpy(buf + 2, q, qn);
    if (write(fd, buf, qn + 2) != (ssize_t)(qn + 2)) return fail();
    ssize_t r = recv(fd, buf, sizeof(buf), MSG_WAITALL);
    if (r < 2) return fail();
    return answer(buf + 2, (buf[0] << 8 | buf[1]) < r - 2 ? (buf[0] << 8 | buf[1]) : r - 2);
  }
  struct iovec iov = {q, qn};
  struct msghdr mh = {.msg_name = &ss, .msg_namelen = len, .msg_iov = &iov, .msg_iovlen = 1};
  ssize_t s;
  if (strcmp(mode, "sendto") == 0 || strcmp(mode, "recvmmsg") == 0) s = sendto(fd, q, qn, 0, (struct sockaddr *)&ss, len);
  else if (strcmp(mode, "sendmsg") == 0) s = sendmsg(fd, &mh, 0);
  else if (strcmp(mode, "sendmmsg") == 0) {
    struct mmsghdr mm = {.msg_hdr = mh};
    s = sendmmsg(fd, &mm, 1, 0) == 1 ? (ssize_t)qn : -1;
  } else {
    if (connect(fd, (struct sockaddr *)&ss, len) != 0) return fail();
    s = send(fd, q, qn, 0);
  }
  if (s < 0) return fail();
  if (strcmp(mode, "recvmmsg") == 0) {
    struct sockaddr_storage from[2];
    struct iovec riov[2] = {{a, sizeof(a)}, {q, sizeof(q)}};
    struct mmsghdr mm[2];
    memset(mm, 0, sizeof(mm));
    for (int i = 0; i < 2; i++) {
      mm[i].msg_hdr.msg_name = &from[i];
      mm[i].msg_hdr.msg_namelen = sizeof(from[i]);
      mm[i].msg_hdr.msg_iov = &riov[i];
      mm[i].msg_hdr.msg_iovlen = 1;
    }
    if (recvmmsg(fd, mm, 1, 0, NULL) < 1) return fail(); /* runsc answered EINVAL to MSG_WAITFORONE here */
    char text[INET6_ADDRSTRLEN] = "?";
    struct sockaddr_in *in = (struct sockaddr_in *)&from[0];
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    printf("from=%s:%d\n", text, ntohs(in->sin_port));
    return answer(a, (ssize_t)mm[0].msg_len);
  }
  ssize_t r = recv(fd, a, sizeof(a), 0);
  if (r < 0) return fail();
  return answer(a, r);
}
