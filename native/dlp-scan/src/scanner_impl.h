/* The compiled scanner (scanner_build.c builds it, scanner.c runs it). */
#ifndef AT_DLP_SCANNER_IMPL_H
#define AT_DLP_SCANNER_IMPL_H

#include "follow.h"
#include "scan.h"

typedef struct {
  int32_t first;
  int32_t count;
} at_rule_follow;

struct at_scanner {
  int32_t rule_count;
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

#endif
