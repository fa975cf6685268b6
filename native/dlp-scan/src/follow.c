/* Follow pre-checks: a chain of (class, min, max) steps matched one after another from a keyword
 * hit. A rule declares one as a relaxation of its regex, so a hit that fails it cannot match and is
 * dropped here instead of running the regex in JavaScript. Non-ASCII units (AT_NON_ASCII) count as
 * members of every class, which only keeps more hits. */
#include "follow.h"

static inline int in_class(const uint8_t *cls, uint8_t c) { return c >= 0x80 || cls[c] != 0; }

/* Adds [lo, hi] to the sorted span list, merging with the last span when they touch. */
static int add_span(at_span *list, int32_t *len, int32_t lo, int32_t hi) {
  if (*len > 0 && lo <= list[*len - 1].hi + 1) {
    if (hi > list[*len - 1].hi) list[*len - 1].hi = hi;
    return 0;
  }
  if (*len == AT_FOLLOW_SPANS) return -1;
  list[(*len)++] = (at_span){lo, hi};
  return 0;
}

/* One step over the reachable offsets (disjoint sorted spans relative to the hit). For offsets p
 * in one class run ending at r (the first non-member at or after p), p + min .. min(r, p + max) is
 * reachable when r - p >= min; over the run's offsets in a span that is one interval. Runs are
 * walked once, so a step costs the characters it reads. Returns the new count, or -1 on overflow. */
static int32_t advance(const at_follow_query *q, const at_step *st, const at_span *cur, int32_t count,
                       at_span *next) {
  const uint8_t *cls = q->classes + (size_t)st->cls * 128;
  const uint8_t *text = q->text + q->at;
  const int32_t room = q->n - q->at;
  int32_t len = 0, r = 0;
  for (int32_t s = 0; s < count; s++) {
    const int32_t a = cur[s].lo, b = cur[s].hi;
    for (int32_t p = a; p <= b; p = r + 1) {
      const int32_t cap = b + st->max < room ? b + st->max : room;
      if (r < p) r = p;
      while (r < cap && in_class(cls, text[r])) r++;
      int32_t last = r - st->min < b ? r - st->min : b;
      if (last >= p) {
        int32_t hi = last + st->max < r ? last + st->max : r;
        if (add_span(next, &len, p + st->min, hi) != 0) return -1;
      }
      if (r >= b) break;
    }
  }
  return len;
}

int at_follow_ok(at_follow_scratch *scratch, const at_follow_query *query) {
  at_span *cur = scratch->a, *next = scratch->b;
  int32_t count = 1;
  cur[0] = (at_span){0, 0};
  for (int32_t i = 0; i < query->count; i++) {
    count = advance(query, &query->steps[i], cur, count, next);
    if (count < 0) return 1; /* too many spans to track: keep the hit */
    if (count == 0) return 0;
    at_span *swap = cur;
    cur = next;
    next = swap;
  }
  return 1;
}
