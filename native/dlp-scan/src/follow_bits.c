/* Follow chains of up to 63 characters as a bit-parallel automaton (Shift-And with optional
 * positions): bit j of the state is "the chain's first j positions are matched up to here", bit 0
 * the start. A step (class, min, max) is min mandatory positions then max - min optional ones;
 * consecutive optional positions form runs that can be skipped from the position before them. */
#include <string.h>

#include "follow.h"

int at_follow_bits_build(at_follow_bits *fb, const at_step *steps, int32_t count, const uint8_t *classes) {
  int32_t m = 0;
  for (int32_t i = 0; i < count; i++) m += steps[i].max;
  if (m > 63) return -1;
  memset(fb, 0, sizeof(*fb));
  int32_t bit = 1;
  for (int32_t i = 0; i < count; i++) {
    const uint8_t *cls = classes + (size_t)steps[i].cls * 128;
    for (int32_t k = 0; k < steps[i].max; k++, bit++) {
      for (int c = 0; c < 128; c++)
        if (cls[c]) fb->member[c] |= 1ull << bit;
      fb->member[128] |= 1ull << bit; /* non-ASCII: member of every class */
      if (k >= steps[i].min) fb->optional |= 1ull << bit;
    }
  }
  for (int32_t j = 1; j <= m; j++) {
    uint64_t b = 1ull << j;
    if (!(fb->optional & b)) continue;
    if (!(fb->optional & (b >> 1))) fb->before |= b >> 1;
    if (j == m || !(fb->optional & (b << 1))) fb->last |= b;
  }
  fb->final = 1ull << m;
  return 0;
}

/* Adds every optional position reachable without reading: in each run [p, e] (p the position
 * before it), all bits above the lowest set bit. Subtracting `before` borrows up to that bit, and
 * forcing `last` on keeps each borrow inside its run. */
static inline uint64_t closure(const at_follow_bits *fb, uint64_t d) {
  uint64_t df = d | fb->last;
  return d | (fb->optional & ~((df - fb->before) ^ df));
}

int at_follow_bits_ok(const at_follow_bits *fb, const uint8_t *text, int32_t room) {
  uint64_t d = closure(fb, 1);
  for (int32_t i = 0; (d & fb->final) == 0; i++) {
    if (i >= room) return 0;
    uint8_t c = text[i];
    d = (d << 1) & fb->member[c < 0x80 ? c : 128];
    if (d == 0) return 0;
    d = closure(fb, d);
  }
  return 1;
}
