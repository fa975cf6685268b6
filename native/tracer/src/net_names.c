/* IP -> names, per session. A connect is judged by the names that resolved to its address; entries
 * live for the answer's TTL but at least AT_NAMES_MIN_TTL seconds (a client may connect after a
 * TTL-0 answer). Linear scan: sessions resolve few addresses; the table is capped. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net_names.h"

#define AT_NAMES_MIN_TTL 60
#define AT_NAMES_MAX 16384
#define AT_NAMES_PER_ADDR 16

typedef struct {
  int v;
  uint8_t addr[16];
  long long expires;
  char *names[AT_NAMES_PER_ADDR];
  size_t n;
} entry;

static entry *tab;
static size_t ntab, captab;

static long long now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec;
}

static entry *find(int v, const uint8_t *addr) {
  size_t len = v == 4 ? 4 : 16;
  for (size_t i = 0; i < ntab; i++)
    if (tab[i].v == v && memcmp(tab[i].addr, addr, len) == 0) return &tab[i];
  return NULL;
}

static void clear(entry *e) {
  for (size_t i = 0; i < e->n; i++) free(e->names[i]);
  e->n = 0;
}

static entry *slot(int v, const uint8_t *addr) {
  entry *e = find(v, addr);
  if (e) return e;
  long long now = now_s();
  for (size_t i = 0; i < ntab; i++) /* reuse an expired entry */
    if (tab[i].expires <= now) {
      clear(&tab[i]);
      e = &tab[i];
      break;
    }
  if (!e) {
    if (ntab == captab) {
      if (captab >= AT_NAMES_MAX) return NULL;
      size_t nc = captab ? captab * 2 : 64;
      entry *nt = realloc(tab, nc * sizeof(entry));
      if (!nt) return NULL;
      tab = nt;
      captab = nc;
    }
    e = &tab[ntab++];
    memset(e, 0, sizeof(*e));
  }
  e->v = v;
  memset(e->addr, 0, sizeof(e->addr));
  memcpy(e->addr, addr, v == 4 ? 4 : 16);
  e->expires = 0;
  return e;
}

int at_names_add(int v, const uint8_t *addr, const char *name, uint32_t ttl) {
  entry *e = slot(v, addr);
  if (!e) return -1;
  long long now = now_s();
  if (e->expires <= now) clear(e);
  long long exp = now + (ttl < AT_NAMES_MIN_TTL ? AT_NAMES_MIN_TTL : ttl);
  if (exp > e->expires) e->expires = exp;
  for (size_t i = 0; i < e->n; i++)
    if (strcmp(e->names[i], name) == 0) return 0;
  if (e->n == AT_NAMES_PER_ADDR) { /* keep the newest names */
    free(e->names[0]);
    memmove(e->names, e->names + 1, (AT_NAMES_PER_ADDR - 1) * sizeof(char *));
    e->n--;
  }
  char *copy = strdup(name);
  if (!copy) return -1;
  e->names[e->n++] = copy;
  return 0;
}

char *const *at_names_get(int v, const uint8_t *addr, size_t *n) {
  entry *e = find(v, addr);
  if (!e || e->expires <= now_s() || e->n == 0) {
    *n = 0;
    return NULL;
  }
  *n = e->n;
  return e->names;
}

int at_names_load(const char *text, size_t len) {
  char line[4096];
  size_t off = 0;
  int rc = 0;
  while (off < len) {
    const char *nl = memchr(text + off, '\n', len - off);
    size_t l = nl ? (size_t)(nl - (text + off)) : len - off;
    if (l < sizeof(line)) {
      memcpy(line, text + off, l);
      line[l] = 0;
      char *save = NULL;
      char *ttl_s = strtok_r(line, " ", &save);
      char *addr_s = ttl_s ? strtok_r(NULL, " ", &save) : NULL;
      uint8_t addr[16];
      int v = 0;
      if (addr_s && inet_pton(AF_INET, addr_s, addr) == 1) v = 4;
      else if (addr_s && inet_pton(AF_INET6, addr_s, addr) == 1) v = 6;
      if (v == 6 && memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) { /* mapped: store as IPv4 */
        memmove(addr, addr + 12, 4);
        v = 4;
      }
      if (!v) rc = -1;
      for (char *name = v ? strtok_r(NULL, " ", &save) : NULL; name; name = strtok_r(NULL, " ", &save))
        if (at_names_add(v, addr, name, (uint32_t)strtoul(ttl_s, NULL, 10)) != 0) rc = -1;
    } else {
      rc = -1;
    }
    off += l + 1;
  }
  return rc;
}
