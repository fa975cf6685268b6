/* One HTTP/1.0 POST to the daemon's exec/raw endpoint over TCP (loopback in practice). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "client.h"

/* Parses http://HOST:PORT[/] with a numeric IPv4/IPv6 host or localhost. */
static int parse_server(const char *url, struct sockaddr_storage *sa, socklen_t *len, char *host, size_t hostlen) {
  if (strncmp(url, "http://", 7) != 0) return -1;
  const char *h = url + 7, *colon;
  if (*h == '[') {
    const char *end = strchr(h, ']');
    if (end == NULL || end[1] != ':') return -1;
    snprintf(host, hostlen, "%.*s", (int)(end - h - 1), h + 1);
    colon = end + 1;
  } else {
    colon = strrchr(h, ':');
    if (colon == NULL) return -1;
    snprintf(host, hostlen, "%.*s", (int)(colon - h), h);
  }
  char *rest;
  long port = strtol(colon + 1, &rest, 10);
  if (port <= 0 || port > 65535 || (*rest != '\0' && strcmp(rest, "/") != 0)) return -1;
  memset(sa, 0, sizeof(*sa));
  struct sockaddr_in *v4 = (struct sockaddr_in *)sa;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)sa;
  const char *ip = strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
  if (inet_pton(AF_INET, ip, &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    *len = sizeof(*v4);
  } else if (inet_pton(AF_INET6, ip, &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    *len = sizeof(*v6);
  } else {
    return -1;
  }
  return 0;
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Reads the status line and headers byte by byte (they are short); 0 when the status is 200. */
static int read_head(int sock) {
  char line[512];
  size_t n = 0;
  int status = -1, first = 1;
  for (;;) {
    char c;
    if (read(sock, &c, 1) != 1) return -1;
    if (c != '\n') {
      if (n < sizeof line - 1) line[n++] = c;
      continue;
    }
    if (n > 0 && line[n - 1] == '\r') n--;
    line[n] = '\0';
    if (first && sscanf(line, "HTTP/%*d.%*d %d", &status) != 1) return -1;
    if (!first && n == 0) return status == 200 ? 0 : -1;
    first = 0;
    n = 0;
  }
}

static int url_path(struct at_buf *b, const char *session) {
  if (at_buf_puts(b, "/api/v1/sessions/") < 0) return -1;
  for (const unsigned char *p = (const unsigned char *)session; *p; p++) {
    char enc[4];
    int plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';
    snprintf(enc, sizeof enc, plain ? "%c" : "%%%02X", *p);
    if (at_buf_puts(b, enc) < 0) return -1;
  }
  return at_buf_puts(b, "/exec/raw");
}

int at_http_exec(const struct at_exec_args *a, const struct at_buf *body) {
  struct sockaddr_storage sa;
  socklen_t salen;
  char host[256];
  if (parse_server(a->server, &sa, &salen, host, sizeof host) < 0) return -1;
  int sock = socket(sa.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (sock < 0) return -1;
  int one = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct at_buf req = {0};
  char len[32];
  snprintf(len, sizeof len, "%zu", body->len);
  int bad = connect(sock, (struct sockaddr *)&sa, salen) < 0 || at_buf_puts(&req, "POST ") < 0 ||
            url_path(&req, a->session) < 0 || at_buf_puts(&req, " HTTP/1.0\r\nHost: ") < 0 ||
            at_buf_puts(&req, host) < 0 || at_buf_puts(&req, "\r\nContent-Type: application/json\r\nContent-Length: ") < 0 ||
            at_buf_puts(&req, len) < 0 || at_buf_puts(&req, "\r\n") < 0;
  if (!bad && a->api_key != NULL)
    bad = at_buf_puts(&req, "X-API-Key: ") < 0 || at_buf_puts(&req, a->api_key) < 0 || at_buf_puts(&req, "\r\n") < 0;
  bad = bad || at_buf_puts(&req, "\r\n") < 0 || at_buf_append(&req, body->data, body->len) < 0 ||
        write_all(sock, req.data, req.len) < 0 || read_head(sock) < 0;
  free(req.data);
  if (bad) {
    close(sock);
    return -1;
  }
  return sock;
}
