/* Follow pre-checks (follow.c). */
#ifndef AT_DLP_FOLLOW_H
#define AT_DLP_FOLLOW_H

#include <stdint.h>

#include "scan.h"

/* Longest stretch of text a follow chain may cover (sum of the steps' max). */
#define AT_FOLLOW_MAX 1024
/* Reachable offsets are kept as at most this many spans; beyond, the hit is kept unchecked. */
#define AT_FOLLOW_SPANS 64

typedef struct {
  int32_t lo;
  int32_t hi;
} at_span;

/* Per-scanner scratch. */
typedef struct {
  at_span a[AT_FOLLOW_SPANS];
  at_span b[AT_FOLLOW_SPANS];
} at_follow_scratch;

/* Whether the steps can all be matched one after another from text[at] (a necessary condition for
 * the rule's regex to match there). */
int at_follow_ok(at_follow_scratch *scratch, const at_follow_query *query);

#endif
