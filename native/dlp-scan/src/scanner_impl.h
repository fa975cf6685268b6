/* The compiled scanner (scanner_build.c builds it, scanner.c runs it). */
#ifndef AT_DLP_SCANNER_IMPL_H
#define AT_DLP_SCANNER_IMPL_H

#include "follow.h"
#include "scan.h"

typedef struct {
  int32_t first;
  int32_t count;
  at_follow_bits *bits; /* NULL: the chain is checked span by span */
} at_rule_follow;

struct at_scanner {
  int32_t rule_count;
  int32_t simd; /* highest SIMD prefilter allowed: 0 none, 1 SSSE3, 2 AVX2 (tests compare all) */
  /* Teddy tables (teddy.c): per first/second/third byte, low- and high-nibble bucket masks. */
  uint8_t teddy[6][16];
  int32_t digits;
  /* Bucket (from 1) per folded pair first | second << 8; 0: no keyword starts so. */
  uint16_t bucket[65536];
  /* Per bucket << 8 | folded third byte: 1 when a keyword of the bucket can go on so. */
  uint8_t *thirds;
  int32_t *bucket_first;
  int32_t *bucket_len;
  int32_t *bucket_keys;
  at_keyword *keywords;
  int32_t keyword_count;
  uint8_t *keyword_bytes;
  int32_t *singles;
  int32_t single_count;
  at_target *targets;
  uint8_t *classes;
  int32_t class_count;
  at_rule_follow *follows; /* per rule */
  at_step *steps;
  /* Per run: events (rule, position) in scan order, and per slot the last position, count, order. */
  int32_t *events;
  size_t event_len;
  size_t event_cap;
  int32_t *last;
  int32_t *count;
  uint8_t *unsorted;
  at_follow_scratch follow_scratch;
};

/* The exact check at a position (pair bucket, third byte, keywords); -1 out of memory. */
int at_pair_check(at_scanner *s, const uint8_t *t, int32_t n, int32_t at);

void at_teddy_build(at_scanner *s);

/* SIMD keyword scan; returns 1 when it cannot run here (the scalar scan then runs), -1 out of
 * memory, 0 done. */
int at_teddy_scan(at_scanner *s, const uint8_t *t, int32_t n);

#endif
