/* Compiling a spec into pair tables (scanner_build.c) and running the candidate scan. */
#include <stdlib.h>
#include <string.h>

#include "scanner_impl.h"

static inline uint32_t fold(uint8_t c) { return c | 0x20u; }

static inline uint8_t lower(uint8_t c) { return (uint8_t)(c - 'A') < 26 ? (uint8_t)(c | 0x20) : c; }

/* The first eight bytes in one masked compare (the text is padded), the rest byte by byte. */
static int keyword_matches(const at_keyword *k, const uint8_t *t, int32_t at, int32_t n) {
  if (at + k->length > n) return 0;
  uint64_t w;
  memcpy(&w, t + at, 8);
  if (((w | k->head_or) & k->head_mask) != k->head) return 0;
  if (k->fold) {
    for (int32_t i = 8; i < k->length; i++)
      if (lower(t[at + i]) != k->bytes[i]) return 0;
    return 1;
  }
  return k->length <= 8 || memcmp(t + at + 8, k->bytes + 8, (size_t)k->length - 8) == 0;
}

static int push_event(at_scanner *s, int32_t rule, int32_t pos) {
  if (s->event_len == s->event_cap) {
    size_t cap = s->event_cap ? s->event_cap * 2 : 4096;
    int32_t *grown = realloc(s->events, cap * 2 * sizeof(int32_t));
    if (grown == NULL) return -1;
    s->events = grown;
    s->event_cap = cap;
  }
  s->events[s->event_len * 2] = rule;
  s->events[s->event_len * 2 + 1] = pos;
  s->event_len++;
  if (pos < s->last[rule]) s->unsorted[rule] = 1;
  s->last[rule] = pos;
  s->count[rule]++;
  return 0;
}

/* Applies a target's guard and its rule's follow check; records the hit once per rule. */
static int record(at_scanner *s, const at_keyword *k, const uint8_t *t, int32_t n, int32_t at) {
  for (int32_t i = 0; i < k->target_count; i++) {
    const at_target *tg = &s->targets[k->first_target + i];
    if (s->last[tg->rule] == at) continue;
    if (tg->guard >= 0 && at > 0) {
      uint8_t c = t[at - 1];
      if (c < 0x80 && s->classes[(size_t)tg->guard * 128 + c]) continue;
    }
    const at_rule_follow *f = &s->follows[tg->rule];
    if (f->bits != NULL) {
      if (!at_follow_bits_ok(f->bits, t + at, n - at)) continue;
    } else if (f->count > 0) {
      at_follow_query q = {t, n, at, s->steps + f->first, f->count, s->classes};
      if (!at_follow_ok(&s->follow_scratch, &q)) continue;
    }
    if (push_event(s, tg->rule, at) != 0) return -1;
  }
  return 0;
}

static int on_pair(at_scanner *s, const uint8_t *t, int32_t n, int32_t at, uint32_t bucket) {
  const int32_t *keys = s->bucket_keys + s->bucket_first[bucket];
  for (int32_t i = 0; i < s->bucket_len[bucket]; i++) {
    const at_keyword *k = &s->keywords[keys[i]];
    if (keyword_matches(k, t, at, n) && record(s, k, t, n, at) != 0) return -1;
  }
  return 0;
}

int at_pair_check(at_scanner *s, const uint8_t *t, int32_t n, int32_t at) {
  uint32_t b = s->bucket[fold(t[at]) | (fold(t[at + 1]) << 8)];
  if (!s->thirds[(b << 8) | fold(t[at + 2])]) return 0;
  return on_pair(s, t, n, at, b);
}

/* Every position whose folded pair starts a keyword bucket and whose third byte fits it (bucket 0's
 * row of thirds is all zero, so one branch per position). */
static int scan_pairs(at_scanner *s, const uint8_t *t, int32_t n) {
  const uint16_t *bucket = s->bucket;
  const uint8_t *thirds = s->thirds;
  uint32_t pair = fold(t[0]) << 8;
  for (int32_t i = 0; i + 1 < n; i++) {
    pair = (pair >> 8) | (fold(t[i + 1]) << 8);
    uint32_t b = bucket[pair];
    if (__builtin_expect(thirds[(b << 8) | fold(t[i + 2])] == 0, 1)) continue;
    if (on_pair(s, t, n, i, b) != 0) return -1;
  }
  return 0;
}

static int scan_byte(at_scanner *s, const at_keyword *k, uint8_t c, const uint8_t *t, int32_t n) {
  for (const uint8_t *p = memchr(t, c, (size_t)n); p != NULL; p = memchr(p + 1, c, (size_t)(t + n - p - 1))) {
    if (record(s, k, t, n, (int32_t)(p - t)) != 0) return -1;
  }
  return 0;
}

/* One-character keywords: memchr per byte (both cases of a folded letter; the second pass leaves
 * the rule's list out of order, which emit() sorts). */
static int scan_singles(at_scanner *s, const uint8_t *t, int32_t n) {
  for (int32_t j = 0; j < s->single_count; j++) {
    const at_keyword *k = &s->keywords[s->singles[j]];
    uint8_t c = k->bytes[0];
    if (scan_byte(s, k, c, t, n) != 0) return -1;
    if (k->fold && (uint8_t)(c - 'a') < 26 && scan_byte(s, k, (uint8_t)(c - 32), t, n) != 0) return -1;
  }
  return 0;
}

static int on_digits(void *ctx, int32_t at) {
  at_scanner *s = ctx;
  return push_event(s, s->rule_count, at);
}

static int compare_int(const void *a, const void *b) {
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return (x > y) - (x < y);
}

/* Groups the events by rule into out: starts, ends, then the positions (sorting and deduplicating
 * the lists that single-character keywords left out of order). */
static int64_t emit(at_scanner *s, int32_t *out, int64_t cap) {
  const int32_t slots = s->rule_count + 1;
  int64_t need = 2 * (int64_t)slots + (int64_t)s->event_len;
  if (need > cap) return -need;
  int32_t at = 2 * slots;
  for (int32_t r = 0; r < slots; r++) {
    out[r] = at;
    s->last[r] = at;
    at += s->count[r];
    out[slots + r] = at;
  }
  for (size_t e = 0; e < s->event_len; e++) out[s->last[s->events[e * 2]]++] = s->events[e * 2 + 1];
  for (int32_t r = 0; r < slots; r++) {
    if (!s->unsorted[r]) continue;
    int32_t *list = out + out[r];
    int32_t len = out[slots + r] - out[r], kept = 0;
    qsort(list, (size_t)len, sizeof(int32_t), compare_int);
    for (int32_t i = 0; i < len; i++)
      if (kept == 0 || list[kept - 1] != list[i]) list[kept++] = list[i];
    out[slots + r] = out[r] + kept;
  }
  return need;
}

int64_t at_scanner_run(at_scanner *s, const uint8_t *text, int32_t n, int32_t *out, int64_t cap) {
  const int32_t slots = s->rule_count + 1;
  s->event_len = 0;
  for (int32_t r = 0; r < slots; r++) {
    s->last[r] = -1;
    s->count[r] = 0;
    s->unsorted[r] = 0;
  }
  if (n >= 2 && s->keyword_count > s->single_count) {
    int simd = at_teddy_scan(s, text, n);
    if (simd < 0 || (simd > 0 && scan_pairs(s, text, n) != 0)) return AT_SCAN_NOMEM;
  }
  if (scan_singles(s, text, n) != 0) return AT_SCAN_NOMEM;
  if (s->digits && at_scan_digits(text, n, on_digits, s) != 0) return AT_SCAN_NOMEM;
  return emit(s, out, cap);
}
