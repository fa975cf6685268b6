/* The PII digit-group locator of @agentsh/dlp (rules/pii.ts PII_DIGIT_GROUPS), exactly:
 *   \d\d(?:[-. )]{1,2}\d{2,6}[-. ]\d{4}|\d{13})
 * A position is a hit when the regex can match starting there (the JS side restarts one past each
 * hit, so it reports every such position). \d is ASCII only (no u flag). */
#include "scan.h"

static inline int is_digit(uint8_t c) { return (uint8_t)(c - '0') < 10; }

static inline int is_sep_open(uint8_t c) { return c == '-' || c == '.' || c == ' ' || c == ')'; }

static inline int is_sep(uint8_t c) { return c == '-' || c == '.' || c == ' '; }

/* b has AT_PAD zero bytes after the text, so every read below stays in bounds and stops there. */
static inline int digits_at(const uint8_t *b, int32_t i) {
  if (!is_digit(b[i]) || !is_digit(b[i + 1])) return 0;
  const uint8_t *p = b + i + 2;
  int run = 0;
  while (run < 13 && is_digit(p[run])) run++;
  if (run == 13) return 1;
  for (int s = 1; s <= 2; s++) {
    if (!is_sep_open(p[s - 1])) break;
    const uint8_t *q = p + s;
    /* \d{2,6} followed by a separator: the separator is no digit, so the repeat takes the whole run. */
    int l = 0;
    while (l < 7 && is_digit(q[l])) l++;
    if (l < 2 || l > 6 || !is_sep(q[l])) continue;
    if (is_digit(q[l + 1]) && is_digit(q[l + 2]) && is_digit(q[l + 3]) && is_digit(q[l + 4])) return 1;
  }
  return 0;
}

int at_digits_at(const uint8_t *b, int32_t i) { return digits_at(b, i); }

#ifdef __SSE2__
#include <emmintrin.h>

/* Bit k of *digits / *seps: p[k] is an ASCII digit / one of "-. " (k < 64). */
static inline void classify64(const uint8_t *p, uint64_t *digits, uint64_t *seps) {
  const __m128i bias = _mm_set1_epi8((char)0xb0), ten = _mm_set1_epi8(-118);
  const __m128i dash = _mm_set1_epi8('-'), dot = _mm_set1_epi8('.'), space = _mm_set1_epi8(' ');
  uint64_t d = 0, s = 0;
  for (int k = 0; k < 4; k++) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
    __m128i is_digit = _mm_cmplt_epi8(_mm_sub_epi8(x, bias), ten);
    __m128i is_sep = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, dash), _mm_cmpeq_epi8(x, dot)),
                                  _mm_cmpeq_epi8(x, space));
    d |= (uint64_t)(uint16_t)_mm_movemask_epi8(is_digit) << (16 * k);
    s |= (uint64_t)(uint16_t)_mm_movemask_epi8(is_sep) << (16 * k);
  }
  *digits = d;
  *seps = s;
}
#else
static inline void classify64(const uint8_t *p, uint64_t *digits, uint64_t *seps) {
  uint64_t d = 0, s = 0;
  for (int k = 0; k < 64; k++) {
    d |= (uint64_t)is_digit(p[k]) << k;
    s |= (uint64_t)is_sep(p[k]) << k;
  }
  *digits = d;
  *seps = s;
}
#endif

/* Where a hit may start among 48 positions, from masks over 64 bytes: two digits, and either 15
 * digits in a row or, 5 to 10 bytes on, a separator followed by 4 digits (where every phone, SSN
 * and card shape of the locator's first branch ends). */
static inline uint64_t candidates(uint64_t d, uint64_t s) {
  uint64_t d2 = d & (d >> 1), d4 = d2 & (d2 >> 2), d8 = d4 & (d4 >> 4);
  uint64_t d15 = d8 & (d4 >> 8) & (d2 >> 12) & (d >> 14);
  uint64_t tail = s & (d >> 1) & (d2 >> 2) & (d >> 4) & (d >> 3);
  uint64_t near = (tail >> 5) | (tail >> 6) | (tail >> 7) | (tail >> 8) | (tail >> 9) | (tail >> 10);
  return (d15 | near) & d2 & ((1ull << 48) - 1);
}

/* Blocks of 48 positions (masks read 64 bytes; AT_PAD covers the overrun), candidates verified with
 * the exact check, left to right. */
int at_scan_digits(const uint8_t *t, int32_t n, int (*emit)(void *ctx, int32_t at), void *ctx) {
  for (int32_t i = 0; i + 1 < n; i += 48) {
    uint64_t d, s;
    classify64(t + i, &d, &s);
    for (uint64_t c = candidates(d, s); c != 0; c &= c - 1) {
      int32_t at = i + __builtin_ctzll(c);
      if (at + 1 < n && digits_at(t, at) && emit(ctx, at) != 0) return -1;
    }
  }
  return 0;
}
