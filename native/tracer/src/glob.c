/* Glob matching with gobwas semantics and '/' as the separator:
 * '*' any run of non-separators, '**' any run, '?' one non-separator, '[abc]' '[a-z]' '[!a]'
 * classes, '{a,b}' alternatives (expanded once at compile time), '\' escapes. */
#include "glob.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define AT_GLOB_MAX_ALTS 256
#define AT_GLOB_MAX_LEN 4096

/* Finds the '}' closing the '{' at p, honouring nesting and escapes; NULL if unbalanced. */
static const char *closing_brace(const char *p) {
  int depth = 0;
  for (; *p; p++) {
    if (*p == '\\' && p[1]) {
      p++;
      continue;
    }
    if (*p == '{') depth++;
    if (*p == '}' && --depth == 0) return p;
  }
  return NULL;
}

static int push_alt(at_glob *g, const char *s, size_t len) {
  if (g->n >= AT_GLOB_MAX_ALTS) return -1;
  char *copy = malloc(len + 1);
  if (!copy) return -1;
  memcpy(copy, s, len);
  copy[len] = 0;
  char **alts = realloc(g->alts, (g->n + 1) * sizeof(char *));
  if (!alts) {
    free(copy);
    return -1;
  }
  g->alts = alts;
  g->alts[g->n++] = copy;
  return 0;
}

/* Expands the first brace group of pattern recursively into g. */
static int expand(at_glob *g, const char *pattern) {
  const char *open = NULL;
  for (const char *p = pattern; *p; p++) {
    if (*p == '\\' && p[1]) {
      p++;
      continue;
    }
    if (*p == '{') {
      open = p;
      break;
    }
  }
  const char *close = open ? closing_brace(open) : NULL;
  if (!open || !close) return push_alt(g, pattern, strlen(pattern));
  size_t pre = (size_t)(open - pattern);
  const char *start = open + 1;
  int depth = 0;
  char buf[AT_GLOB_MAX_LEN];
  for (const char *p = start; p <= close; p++) {
    if (*p == '\\' && p < close) {
      p++;
      continue;
    }
    if (*p == '{') depth++;
    if (*p == '}' && p != close) depth--;
    if ((*p == ',' && depth == 0) || p == close) {
      size_t alen = (size_t)(p - start);
      size_t rest = strlen(close + 1);
      if (pre + alen + rest + 1 > sizeof(buf)) return -1;
      memcpy(buf, pattern, pre);
      memcpy(buf + pre, start, alen);
      memcpy(buf + pre + alen, close + 1, rest + 1);
      if (expand(g, buf) != 0) return -1;
      start = p + 1;
    }
  }
  return 0;
}

int at_glob_compile(at_glob *g, const char *pattern, int lower) {
  g->alts = NULL;
  g->n = 0;
  size_t len = strlen(pattern);
  if (len >= AT_GLOB_MAX_LEN) return -1;
  char buf[AT_GLOB_MAX_LEN];
  for (size_t i = 0; i <= len; i++) buf[i] = lower ? (char)tolower((unsigned char)pattern[i]) : pattern[i];
  if (expand(g, buf) != 0) {
    at_glob_free(g);
    return -1;
  }
  return 0;
}

void at_glob_free(at_glob *g) {
  for (size_t i = 0; i < g->n; i++) free(g->alts[i]);
  free(g->alts);
  g->alts = NULL;
  g->n = 0;
}

/* Matches a class starting after '['; sets *end past the closing ']'. Returns -1 if malformed. */
static int match_class(const char *p, char c, const char **end) {
  int negate = 0, hit = 0;
  if (*p == '!' || *p == '^') {
    negate = 1;
    p++;
  }
  const char *first = p;
  while (*p && (*p != ']' || p == first)) {
    char lo = *p;
    if (lo == '\\' && p[1]) lo = *++p;
    char hi = lo;
    if (p[1] == '-' && p[2] && p[2] != ']') {
      hi = p[2];
      p += 2;
      if (hi == '\\' && p[1]) hi = *++p;
    }
    if (c >= lo && c <= hi) hit = 1;
    p++;
  }
  if (*p != ']') return -1;
  *end = p + 1;
  return hit != negate;
}

int at_glob_match_simple(const char *p, const char *s) {
  while (*p) {
    if (*p == '*') {
      int any = p[1] == '*';
      p += any ? 2 : 1;
      while (*p == '*') p++;
      if (!*p) return any || !strchr(s, '/');
      for (;; s++) {
        if (at_glob_match_simple(p, s)) return 1;
        if (!*s || (!any && *s == '/')) return 0;
      }
    }
    if (!*s) return 0;
    if (*p == '?') {
      if (*s == '/') return 0;
      p++;
      s++;
      continue;
    }
    if (*p == '[') {
      const char *end;
      int r = match_class(p + 1, *s, &end);
      if (r < 0) {
        if (*s != '[') return 0; /* malformed class: literal '[' */
        p++;
        s++;
        continue;
      }
      if (!r) return 0;
      p = end;
      s++;
      continue;
    }
    if (*p == '\\' && p[1]) p++;
    if (*p != *s) return 0;
    p++;
    s++;
  }
  return !*s;
}

int at_glob_match(const at_glob *g, const char *s) {
  for (size_t i = 0; i < g->n; i++)
    if (at_glob_match_simple(g->alts[i], s)) return 1;
  return 0;
}
