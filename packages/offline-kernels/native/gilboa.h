/*
 * Gilboa's product sharing over Z_2^64 (Gilboa, "Two Party RSA Key Generation", CRYPTO 1999) from
 * correlated OT, fused with the hash so no array of hashes is ever written: each product's 64 COTs
 * are hashed, combined and packed in registers and a 64-word stack array.
 *
 * Per product t and bit k (COT 64t + k), with h_b = low 64 bits of H(K_b), K1 = K0 ⊕ Δ:
 *   sender    c_k = h0 + x − h1, share −Σ 2^k h0
 *   receiver  share Σ 2^k (h_{y_k} + y_k·c_k)
 * The correction layout (correlations' gilboa.ts): word 0 = c_0; word k (1..31) = c_k in its low
 * 64−k bits and c_{64−k} in its high k bits; then the low 32 bits of c_32, one u32 per product
 * after all the products' words. y's bits select with masks, never branches.
 */
#ifndef PETACE_GILBOA_H
#define PETACE_GILBOA_H

#include "crhash.h"

static inline uint64_t load_u64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

static inline void store_u64(uint8_t *p, uint64_t v) {
  memcpy(p, &v, 8);
}

/* corr: 256·n bytes of words, then n u32 halves (the caller checked the sizes). */
static void gilboa_send(const __m128i rk[11], const uint8_t *q, const uint8_t *delta, const uint64_t *x, size_t n, uint8_t *corr,
                        uint64_t *acc) {
  const __m128i sd = crh_sigma(_mm_loadu_si128((const __m128i *)delta));
  for (size_t t = 0; t < n; t++) {
    const uint8_t *qt = q + 1024 * t;
    const uint64_t xt = x[t];
    uint64_t c[64], share = 0;
    for (int k = 0; k < 64; k += 4) {
      __m128i s[8], h[8];
      for (int i = 0; i < 4; i++) {
        s[i] = crh_sigma(_mm_loadu_si128((const __m128i *)(qt + 16 * (k + i))));
        s[4 + i] = _mm_xor_si128(s[i], sd);
      }
      crh_from_sigma(rk, s, h, 8);
      for (int i = 0; i < 4; i++) {
        const uint64_t h0 = crh_low64(h[i]);
        c[k + i] = h0 + xt - crh_low64(h[4 + i]);
        share += h0 << (k + i);
      }
    }
    acc[t] -= share;
    uint8_t *w = corr + 256 * t;
    store_u64(w, c[0]);
    for (int k = 1; k < 32; k++) store_u64(w + 8 * k, (c[k] & (~0ull >> k)) | (c[64 - k] << (64 - k)));
    const uint32_t c32 = (uint32_t)c[32];
    memcpy(corr + 256 * n + 4 * t, &c32, 4);
  }
}

/* All ones when bit k of y is set, else zero. */
static inline uint64_t bit_mask(uint64_t y, int k) {
  return 0 - ((y >> k) & 1);
}

static void gilboa_receive(const __m128i rk[11], const uint8_t *tk, const uint64_t *y, size_t n, const uint8_t *corr, uint64_t *acc) {
  for (size_t p = 0; p < n; p++) {
    const uint8_t *tp = tk + 1024 * p;
    uint64_t share = 0;
    for (int k = 0; k < 64; k += 8) {
      __m128i s[8], h[8];
      for (int i = 0; i < 8; i++) s[i] = crh_sigma(_mm_loadu_si128((const __m128i *)(tp + 16 * (k + i))));
      crh_from_sigma(rk, s, h, 8);
      for (int i = 0; i < 8; i++) share += crh_low64(h[i]) << (k + i);
    }
    /* The receiver needs 2^k·c_k: word k shifted up for k < 32, the high bits of word 64−k for k > 32. */
    const uint64_t yp = y[p];
    const uint8_t *w = corr + 256 * p;
    share += load_u64(w) & bit_mask(yp, 0);
    for (int k = 1; k < 32; k++) {
      const uint64_t wk = load_u64(w + 8 * k);
      share += ((wk << k) & bit_mask(yp, k)) + (wk & ~(~0ull >> k) & bit_mask(yp, 64 - k));
    }
    uint32_t c32;
    memcpy(&c32, corr + 256 * n + 4 * p, 4);
    share += ((uint64_t)c32 << 32) & bit_mask(yp, 32);
    acc[p] += share;
  }
}

#endif
