#ifndef AT_GLOB_H
#define AT_GLOB_H

#include <stddef.h>

/* A glob in gobwas syntax with '/' as separator, brace alternatives expanded at load time. */
typedef struct {
  char **alts; /* brace-free alternatives */
  size_t n;
} at_glob;

/* Compiles pattern (optionally lower-cased). Returns 0, or -1 on allocation failure or
 * too many alternatives. */
int at_glob_compile(at_glob *g, const char *pattern, int lower);
void at_glob_free(at_glob *g);
/* 1 when s matches the whole glob. */
int at_glob_match(const at_glob *g, const char *s);
/* Matches one brace-free pattern (exposed for tests and table code). */
int at_glob_match_simple(const char *p, const char *s);

#endif
