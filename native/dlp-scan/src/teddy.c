/* SIMD prefilter for the keyword scan (x86 with AVX2 or SSSE3, chosen at run time): the folded first three
 * bytes of each keyword are split into nibbles, and 16 positions at a time are looked up in
 * per-nibble tables of 8 buckets (pshufb). A position passes when some bucket accepts all three
 * bytes; only those get the exact pair/third check. Keywords of two characters accept any third. */
#include <string.h>

#include "scanner_impl.h"

/* Assigns keywords to buckets: two-character ones to bucket 0, the others by first byte, each
 * first byte to the bucket with the fewest keywords so far (keeps the nibble products small). */
void at_teddy_build(at_scanner *s) {
  int32_t load[8] = {0};
  int8_t bucket_of_first[256];
  memset(bucket_of_first, -1, sizeof(bucket_of_first));
  memset(s->teddy, 0, sizeof(s->teddy));
  for (int32_t k = 0; k < s->keyword_count; k++) {
    const at_keyword *kw = &s->keywords[k];
    if (kw->length < 2) continue;
    uint8_t f[3] = {(uint8_t)(kw->bytes[0] | 0x20), (uint8_t)(kw->bytes[1] | 0x20), 0};
    int b = 0;
    if (kw->length > 2) {
      f[2] = (uint8_t)(kw->bytes[2] | 0x20);
      if (bucket_of_first[f[0]] < 0) {
        int best = 1;
        for (int j = 2; j < 8; j++)
          if (load[j] < load[best]) best = j;
        bucket_of_first[f[0]] = (int8_t)best;
      }
      b = bucket_of_first[f[0]];
    }
    load[b]++;
    for (int p = 0; p < 3; p++) {
      uint8_t *lo = s->teddy[p * 2], *hi = s->teddy[p * 2 + 1];
      if (p == 2 && kw->length == 2) {
        for (int v = 0; v < 16; v++) lo[v] |= (uint8_t)(1u << b), hi[v] |= (uint8_t)(1u << b);
        continue;
      }
      lo[f[p] & 15] |= (uint8_t)(1u << b);
      hi[f[p] >> 4] |= (uint8_t)(1u << b);
    }
  }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AT_SSSE3 __attribute__((target("ssse3")))

/* Bit k of cand: a keyword pair may start at i + k; each one is checked in order. -1 on error. */
static inline int check_candidates(at_scanner *s, const uint8_t *t, int32_t n, int32_t i, uint32_t cand) {
  while (cand != 0) {
    int32_t pos = i + __builtin_ctz(cand);
    cand &= cand - 1;
    if (pos + 1 >= n) break;
    if (at_pair_check(s, t, n, pos) != 0) return -1;
  }
  return 0;
}

AT_SSSE3 static inline __m128i lookup(__m128i lo, __m128i hi, __m128i x) {
  const __m128i nib = _mm_set1_epi8(0x0f);
  __m128i a = _mm_shuffle_epi8(lo, _mm_and_si128(x, nib));
  __m128i b = _mm_shuffle_epi8(hi, _mm_and_si128(_mm_srli_epi16(x, 4), nib));
  return _mm_and_si128(a, b);
}

AT_SSSE3 static int teddy_scan(at_scanner *s, const uint8_t *t, int32_t n) {
  const __m128i fold = _mm_set1_epi8(0x20), zero = _mm_setzero_si128();
  __m128i tab[6];
  for (int p = 0; p < 6; p++) tab[p] = _mm_loadu_si128((const __m128i *)(const void *)s->teddy[p]);
  for (int32_t i = 0; i + 1 < n; i += 16) {
    const __m128i *at = (const __m128i *)(const void *)(t + i);
    __m128i x0 = _mm_or_si128(_mm_loadu_si128(at), fold);
    __m128i x1 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + i + 1)), fold);
    __m128i x2 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(t + i + 2)), fold);
    __m128i m = _mm_and_si128(_mm_and_si128(lookup(tab[0], tab[1], x0), lookup(tab[2], tab[3], x1)),
                              lookup(tab[4], tab[5], x2));
    uint32_t cand = ~(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(m, zero)) & 0xffffu;
    if (check_candidates(s, t, n, i, cand) != 0) return -1;
  }
  return 0;
}

#define AT_AVX2 __attribute__((target("avx2")))

AT_AVX2 static inline __m256i lookup32(__m256i lo, __m256i hi, __m256i x) {
  const __m256i nib = _mm256_set1_epi8(0x0f);
  __m256i a = _mm256_shuffle_epi8(lo, _mm256_and_si256(x, nib));
  __m256i b = _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nib));
  return _mm256_and_si256(a, b);
}

/* The same with 32 positions per step (the tables repeated in both 128-bit lanes). */
AT_AVX2 static int teddy_scan32(at_scanner *s, const uint8_t *t, int32_t n) {
  const __m256i fold = _mm256_set1_epi8(0x20), zero = _mm256_setzero_si256();
  __m256i tab[6];
  for (int p = 0; p < 6; p++)
    tab[p] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)s->teddy[p]));
  for (int32_t i = 0; i + 1 < n; i += 32) {
    __m256i x0 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(const void *)(t + i)), fold);
    __m256i x1 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(const void *)(t + i + 1)), fold);
    __m256i x2 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(const void *)(t + i + 2)), fold);
    __m256i m = _mm256_and_si256(_mm256_and_si256(lookup32(tab[0], tab[1], x0), lookup32(tab[2], tab[3], x1)),
                                 lookup32(tab[4], tab[5], x2));
    uint32_t cand = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(m, zero));
    if (check_candidates(s, t, n, i, cand) != 0) return -1;
  }
  return 0;
}

int at_teddy_scan(at_scanner *s, const uint8_t *t, int32_t n) {
  if (s->simd >= 2 && __builtin_cpu_supports("avx2")) return teddy_scan32(s, t, n);
  if (s->simd >= 1 && __builtin_cpu_supports("ssse3")) return teddy_scan(s, t, n);
  return 1;
}
#else
int at_teddy_scan(at_scanner *s, const uint8_t *t, int32_t n) {
  (void)s;
  (void)t;
  (void)n;
  return 1;
}
#endif
