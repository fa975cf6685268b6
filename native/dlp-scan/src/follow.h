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

/* A chain of up to 63 positions as bit masks (follow_bits.c). */
typedef struct {
  uint64_t member[129]; /* per ASCII byte, and [128] for non-ASCII: positions whose class has it */
  uint64_t optional;
  uint64_t before; /* the position before each run of optional positions */
  uint64_t last;   /* the last position of each run */
  uint64_t final;
} at_follow_bits;

/* Returns -1 when the chain is longer than 63 positions (the span check then runs). */
int at_follow_bits_build(at_follow_bits *fb, const at_step *steps, int32_t count, const uint8_t *classes);

/* Whether the chain matches from text[0] (room bytes readable as text). */
int at_follow_bits_ok(const at_follow_bits *fb, const uint8_t *text, int32_t room);

/* Whether the steps can all be matched one after another from text[at] (a necessary condition for
 * the rule's regex to match there). */
int at_follow_ok(at_follow_scratch *scratch, const at_follow_query *query);

#endif
