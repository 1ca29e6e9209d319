/*
 * The correlation-robust hash over whole buffers, in the six shapes the protocols consume: full
 * blocks, low 64 bits, or bit 0, each of single inputs x or of pairs (q, q ⊕ Δ) for a random-OT
 * sender. Eight AES blocks are in flight per step (four inputs of a pair); every load of a step
 * happens before its stores, so an output may be the input buffer itself.
 */
#ifndef PETACE_HASH_KERNELS_H
#define PETACE_HASH_KERNELS_H

#include "crhash.h"

static inline __m128i load_block(const uint8_t *p) {
  return _mm_loadu_si128((const __m128i *)p);
}

/* count (≤ 8) hashes of consecutive blocks at in. */
static inline void hash_step(const __m128i rk[11], const uint8_t *in, __m128i *h, int count) {
  __m128i s[8];
  for (int k = 0; k < count; k++) s[k] = crh_sigma(load_block(in + 16 * k));
  crh_from_sigma(rk, s, h, count);
}

/* count (≤ 4) pairs: h[k] = H(q_k), h[4 + k] = H(q_k ⊕ Δ) with sd = σ(Δ). */
static inline void hash_pair_step(const __m128i rk[11], const uint8_t *q, __m128i sd, __m128i h[8], int count) {
  __m128i s[8];
  for (int k = 0; k < count; k++) {
    s[k] = crh_sigma(load_block(q + 16 * k));
    s[count + k] = _mm_xor_si128(s[k], sd);
  }
  crh_from_sigma(rk, s, h, 2 * count);
  /* A short tail computed its Δ half at h[count..2count): move it up, last first (the ranges overlap). */
  if (count < 4)
    for (int k = count - 1; k >= 0; k--) h[4 + k] = h[count + k];
}

/* count (≤ 4) pairs hashed and stored; called with a constant 4 in the main loop so it unrolls. */
static inline void hash_pair_store(const __m128i rk[11], const uint8_t *q, __m128i sd, uint8_t *out0, uint8_t *out1, int count) {
  __m128i h[8];
  hash_pair_step(rk, q, sd, h, count);
  for (int k = 0; k < count; k++) {
    _mm_storeu_si128((__m128i *)(out0 + 16 * k), h[k]);
    _mm_storeu_si128((__m128i *)(out1 + 16 * k), h[4 + k]);
  }
}

static inline void low64_pair_store(const __m128i rk[11], const uint8_t *q, __m128i sd, uint64_t *out0, uint64_t *out1, int count) {
  __m128i h[8];
  hash_pair_step(rk, q, sd, h, count);
  for (int k = 0; k < count; k++) {
    out0[k] = crh_low64(h[k]);
    out1[k] = crh_low64(h[4 + k]);
  }
}

static void kernel_hash(const __m128i rk[11], const uint8_t *in, uint8_t *out, size_t n) {
  __m128i h[8];
  size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    hash_step(rk, in + 16 * j, h, 8);
    for (int k = 0; k < 8; k++) _mm_storeu_si128((__m128i *)(out + 16 * (j + k)), h[k]);
  }
  const int rest = (int)(n - j);
  hash_step(rk, in + 16 * j, h, rest);
  for (int k = 0; k < rest; k++) _mm_storeu_si128((__m128i *)(out + 16 * (j + k)), h[k]);
}

static void kernel_hash_pair(const __m128i rk[11], const uint8_t *q, const uint8_t *delta, uint8_t *out0, uint8_t *out1, size_t n) {
  const __m128i sd = crh_sigma(load_block(delta));
  size_t j = 0;
  for (; j + 4 <= n; j += 4) hash_pair_store(rk, q + 16 * j, sd, out0 + 16 * j, out1 + 16 * j, 4);
  hash_pair_store(rk, q + 16 * j, sd, out0 + 16 * j, out1 + 16 * j, (int)(n - j));
}

static void kernel_low64(const __m128i rk[11], const uint8_t *in, size_t n, uint64_t *out) {
  __m128i h[8];
  size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    hash_step(rk, in + 16 * j, h, 8);
    for (int k = 0; k < 8; k++) out[j + k] = crh_low64(h[k]);
  }
  const int rest = (int)(n - j);
  hash_step(rk, in + 16 * j, h, rest);
  for (int k = 0; k < rest; k++) out[j + k] = crh_low64(h[k]);
}

static void kernel_low64_pair(const __m128i rk[11], const uint8_t *q, const uint8_t *delta, size_t n, uint64_t *out0, uint64_t *out1) {
  const __m128i sd = crh_sigma(load_block(delta));
  size_t j = 0;
  for (; j + 4 <= n; j += 4) low64_pair_store(rk, q + 16 * j, sd, out0 + j, out1 + j, 4);
  low64_pair_store(rk, q + 16 * j, sd, out0 + j, out1 + j, (int)(n - j));
}

/* Bit 0 of byte 0 of a hash. */
static inline uint32_t crh_lsb(__m128i h) {
  return (uint32_t)_mm_cvtsi128_si32(h) & 1u;
}

static inline void store_u32(uint8_t *p, uint32_t w) {
  memcpy(p, &w, 4); /* little-endian: bit j of w is bit j%8 of byte j/8 */
}

/* n a multiple of 32: one packed 32-bit word per 32 blocks. */
static void kernel_lsb(const __m128i rk[11], const uint8_t *in, size_t n, uint8_t *out) {
  __m128i h[8];
  for (size_t j = 0; j < n; j += 32) {
    uint32_t w = 0;
    for (int s = 0; s < 32; s += 8) {
      hash_step(rk, in + 16 * (j + s), h, 8);
      for (int k = 0; k < 8; k++) w |= crh_lsb(h[k]) << (s + k);
    }
    store_u32(out + j / 8, w);
  }
}

static void kernel_lsb_pair(const __m128i rk[11], const uint8_t *q, const uint8_t *delta, size_t n, uint8_t *out0, uint8_t *out1) {
  const __m128i sd = crh_sigma(load_block(delta));
  __m128i h[8];
  for (size_t j = 0; j < n; j += 32) {
    uint32_t w0 = 0, w1 = 0;
    for (int s = 0; s < 32; s += 4) {
      hash_pair_step(rk, q + 16 * (j + s), sd, h, 4);
      for (int k = 0; k < 4; k++) {
        w0 |= crh_lsb(h[k]) << (s + k);
        w1 |= crh_lsb(h[4 + k]) << (s + k);
      }
    }
    store_u32(out0 + j / 8, w0);
    store_u32(out1 + j / 8, w1);
  }
}

#endif
