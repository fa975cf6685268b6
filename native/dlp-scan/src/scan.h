/* Candidate scan over the ASCII view of a document: keyword hits per rule (with token-start guards
 * and "follow" pre-checks applied) and the PII digit-group locator. */
#ifndef AT_DLP_SCAN_H
#define AT_DLP_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* Bytes past the end of a loaded text that are readable and zero. */
#define AT_PAD 64
/* Every non-ASCII UTF-16 unit becomes this byte: it equals no keyword character (keywords are ASCII),
 * is no digit or separator, and counts as "maybe in class" for guards and follow steps. */
#define AT_NON_ASCII 0x80

typedef struct {
  int32_t cls;
  int32_t min;
  int32_t max;
} at_step;

typedef struct {
  int32_t rule;
  int32_t guard; /* class index or -1 */
} at_target;

typedef struct {
  const uint8_t *bytes;
  int32_t length;
  uint8_t fold;
  int32_t first_target;
  int32_t target_count;
  /* The first min(8, length) bytes as one word: text word | head_or, masked, must equal head. */
  uint64_t head;
  uint64_t head_or;
  uint64_t head_mask;
} at_keyword;

typedef struct at_scanner at_scanner;

typedef struct {
  int32_t rule_count;
  int32_t keyword_count;
  const uint8_t *keyword_bytes;  /* concatenated */
  const int32_t *keyword_ends;   /* end offset of keyword k in keyword_bytes */
  const uint8_t *keyword_fold;   /* 1: compare ASCII-case-folded (keyword is lower case) */
  int32_t target_count;
  const int32_t *targets;        /* (keyword, rule, guard class or -1) triples */
  int32_t class_count;
  const uint8_t *classes;        /* 128 bytes per class: 1 = ASCII character in the class */
  int32_t follow_count;
  const int32_t *follow;         /* rule, n, then n (class, min, max) steps; repeated */
  int32_t digits;                /* 1: report PII digit-group locator hits as rule rule_count */
  int32_t simd;                  /* highest SIMD prefilter: 0 none, 1 SSSE3, 2 AVX2 (default) */
} at_spec;

/* Returns NULL on a malformed spec or out of memory. */
at_scanner *at_scanner_new(const at_spec *spec);
void at_scanner_free(at_scanner *s);

/* Scans text[0..n) (AT_PAD zero bytes readable after it). Hits are grouped by rule into out:
 * out[r] and out[slots + r] are the start and end index of rule r's positions in out (slots =
 * rule_count + 1, the last slot the digit locator), sorted and distinct per rule. Returns the number of int32 written, or -(needed) when
 * cap is too small, or AT_SCAN_NOMEM. */
#define AT_SCAN_NOMEM (-2147483647 - 1)
int64_t at_scanner_run(at_scanner *s, const uint8_t *text, int32_t n, int32_t *out, int64_t cap);

/* Whether the PII digit-group locator matches at i (exposed for tests through the binding). */
int at_digits_at(const uint8_t *b, int32_t i);

/* Calls emit(ctx, at) for every locator hit, in order; stops with -1 when emit fails. */
int at_scan_digits(const uint8_t *t, int32_t n, int (*emit)(void *ctx, int32_t at), void *ctx);

typedef struct {
  const uint8_t *text;
  int32_t n;
  int32_t at;
  const at_step *steps;
  int32_t count;
  const uint8_t *classes;
} at_follow_query;

#endif
