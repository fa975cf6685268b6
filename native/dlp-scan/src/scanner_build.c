/* Builds a scanner from a spec (validated: a malformed spec gives NULL, never a crash later). */
#include <stdlib.h>
#include <string.h>

#include "scanner_impl.h"

static int valid_keywords(const at_spec *sp) {
  int32_t prev = 0;
  for (int32_t k = 0; k < sp->keyword_count; k++) {
    int32_t end = sp->keyword_ends[k];
    if (end <= prev) return 0;
    for (int32_t i = prev; i < end; i++) {
      uint8_t c = sp->keyword_bytes[i];
      if (c == 0 || c >= 0x80 || (sp->keyword_fold[k] && (uint8_t)(c - 'A') < 26)) return 0;
    }
    prev = end;
  }
  return 1;
}

static int valid_spec(const at_spec *sp) {
  if (sp->rule_count < 0 || sp->keyword_count < 0 || sp->keyword_count > 60000 || sp->class_count < 0 || !valid_keywords(sp)) return 0;
  for (int32_t i = 0; i < sp->target_count; i++) {
    const int32_t *t = sp->targets + i * 3;
    if (t[0] < 0 || t[0] >= sp->keyword_count || t[1] < 0 || t[1] >= sp->rule_count) return 0;
    if (t[2] < -1 || t[2] >= sp->class_count) return 0;
  }
  for (int32_t i = 0; i < sp->follow_count;) {
    if (i + 2 > sp->follow_count) return 0;
    int32_t rule = sp->follow[i], steps = sp->follow[i + 1], total = 0;
    if (rule < 0 || rule >= sp->rule_count || steps < 1 || i + 2 + steps * 3 > sp->follow_count) return 0;
    for (int32_t j = 0; j < steps; j++) {
      const int32_t *st = sp->follow + i + 2 + j * 3;
      if (st[0] < 0 || st[0] >= sp->class_count || st[1] < 0 || st[2] < st[1]) return 0;
      total += st[2];
      if (total > AT_FOLLOW_MAX) return 0;
    }
    i += 2 + steps * 3;
  }
  return 1;
}

static int build_keywords(at_scanner *s, const at_spec *sp) {
  int32_t total = sp->keyword_count ? sp->keyword_ends[sp->keyword_count - 1] : 0;
  s->keyword_bytes = malloc((size_t)total + 1);
  s->keywords = calloc((size_t)sp->keyword_count + 1, sizeof(at_keyword));
  s->targets = malloc(((size_t)sp->target_count + 1) * sizeof(at_target));
  s->singles = malloc(((size_t)sp->keyword_count + 1) * sizeof(int32_t));
  if (!s->keyword_bytes || !s->keywords || !s->targets || !s->singles) return -1;
  if (total > 0) memcpy(s->keyword_bytes, sp->keyword_bytes, (size_t)total);
  int32_t prev = 0, placed = 0;
  for (int32_t k = 0; k < sp->keyword_count; k++) {
    at_keyword *kw = &s->keywords[k];
    kw->bytes = s->keyword_bytes + prev;
    kw->length = sp->keyword_ends[k] - prev;
    kw->fold = sp->keyword_fold[k] != 0;
    kw->first_target = placed;
    for (int32_t i = 0; i < sp->target_count; i++) {
      const int32_t *t = sp->targets + i * 3;
      if (t[0] != k) continue;
      s->targets[placed].rule = t[1];
      s->targets[placed].guard = t[2];
      placed++;
    }
    kw->target_count = placed - kw->first_target;
    for (int32_t i = 0; i < kw->length && i < 8; i++) {
      uint8_t c = kw->bytes[i];
      kw->head |= (uint64_t)c << (8 * i);
      kw->head_mask |= (uint64_t)0xff << (8 * i);
      if (kw->fold && (uint8_t)(c - 'a') < 26) kw->head_or |= (uint64_t)0x20 << (8 * i);
    }
    if (kw->length == 1) s->singles[s->single_count++] = k;
    prev = sp->keyword_ends[k];
  }
  s->keyword_count = sp->keyword_count;
  return 0;
}

static uint32_t folded_pair(const at_keyword *k) { return (k->bytes[0] | 0x20u) | ((k->bytes[1] | 0x20u) << 8); }

static int build_buckets(at_scanner *s) {
  int32_t n = s->keyword_count, buckets = 0;
  s->bucket_first = calloc((size_t)n + 2, sizeof(int32_t));
  s->bucket_len = calloc((size_t)n + 2, sizeof(int32_t));
  s->bucket_keys = malloc(((size_t)n + 1) * sizeof(int32_t));
  s->thirds = calloc(((size_t)n + 2) * 256, 1);
  if (!s->bucket_first || !s->bucket_len || !s->bucket_keys || !s->thirds) return -1;
  int32_t placed = 0;
  for (int32_t k = 0; k < n; k++) {
    const at_keyword *kw = &s->keywords[k];
    if (kw->length < 2 || s->bucket[folded_pair(kw)] != 0) continue;
    uint32_t pair = folded_pair(kw), b = (uint32_t)++buckets;
    s->bucket[pair] = (uint16_t)b;
    s->bucket_first[b] = placed;
    for (int32_t j = k; j < n; j++) {
      const at_keyword *other = &s->keywords[j];
      if (other->length < 2 || folded_pair(other) != pair) continue;
      s->bucket_keys[placed++] = j;
      s->bucket_len[b]++;
      if (other->length == 2) memset(s->thirds + (b << 8), 1, 256);
      else s->thirds[(b << 8) | (other->bytes[2] | 0x20u)] = 1;
    }
  }
  return 0;
}

static int build_follows(at_scanner *s, const at_spec *sp) {
  s->follows = calloc((size_t)sp->rule_count + 1, sizeof(at_rule_follow));
  s->steps = malloc(((size_t)sp->follow_count / 3 + 1) * sizeof(at_step));
  if (!s->follows || !s->steps) return -1;
  int32_t placed = 0;
  for (int32_t i = 0; i < sp->follow_count;) {
    int32_t rule = sp->follow[i], steps = sp->follow[i + 1];
    s->follows[rule].first = placed;
    s->follows[rule].count = steps;
    for (int32_t j = 0; j < steps; j++) {
      const int32_t *st = sp->follow + i + 2 + j * 3;
      s->steps[placed++] = (at_step){st[0], st[1], st[2]};
    }
    i += 2 + steps * 3;
  }
  for (int32_t r = 0; r < sp->rule_count; r++) {
    at_rule_follow *f = &s->follows[r];
    if (f->count == 0) continue;
    f->bits = malloc(sizeof(at_follow_bits));
    if (f->bits == NULL) return -1;
    if (at_follow_bits_build(f->bits, s->steps + f->first, f->count, sp->classes) != 0) {
      free(f->bits);
      f->bits = NULL;
    }
  }
  return 0;
}

at_scanner *at_scanner_new(const at_spec *sp) {
  if (!valid_spec(sp)) return NULL;
  at_scanner *s = calloc(1, sizeof(at_scanner));
  if (s == NULL) return NULL;
  s->rule_count = sp->rule_count;
  s->digits = sp->digits != 0;
  s->class_count = sp->class_count;
  size_t slots = (size_t)sp->rule_count + 1;
  s->classes = malloc((size_t)sp->class_count * 128 + 1);
  s->last = malloc(slots * sizeof(int32_t));
  s->count = malloc(slots * sizeof(int32_t));
  s->unsorted = malloc(slots);
  if (!s->classes || !s->last || !s->count || !s->unsorted || build_keywords(s, sp) != 0 ||
      build_buckets(s) != 0 || build_follows(s, sp) != 0) {
    at_scanner_free(s);
    return NULL;
  }
  if (sp->class_count > 0) memcpy(s->classes, sp->classes, (size_t)sp->class_count * 128);
  s->simd = sp->simd;
  at_teddy_build(s);
  return s;
}

void at_scanner_free(at_scanner *s) {
  if (s == NULL) return;
  free(s->thirds);
  free(s->bucket_first);
  free(s->bucket_len);
  free(s->bucket_keys);
  free(s->keywords);
  free(s->keyword_bytes);
  free(s->singles);
  free(s->targets);
  free(s->classes);
  for (int32_t r = 0; s->follows != NULL && r < s->rule_count; r++) free(s->follows[r].bits);
  free(s->follows);
  free(s->steps);
  free(s->events);
  free(s->last);
  free(s->count);
  free(s->unsorted);
  free(s);
}
