/*
 * AES-128 encryption with the AES-NI instructions (FIPS-197; key schedule after Gueron, "Intel
 * Advanced Encryption Standard (AES) New Instructions Set", Intel white paper, 2010), and the CTR
 * keystream of primitives' Prg: AES_k(ctr) for a 128-bit big-endian counter.
 *
 * AES-NI runs in constant time (no tables), which is why this file exists rather than a portable C
 * AES. Callers encrypt up to 8 independent blocks at once: aesenc has a latency of several cycles
 * but a throughput of one or two per cycle, so 8 blocks in flight keep the unit busy.
 */
#ifndef PETACE_AES_NI_H
#define PETACE_AES_NI_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wmmintrin.h>
#include <smmintrin.h>
#include <tmmintrin.h>

/* Bytes of an expanded key: 11 round keys. */
#define AES_SCHEDULE_BYTES 176

/* One key-schedule step: the next round key from the previous one and aeskeygenassist's word. */
static inline __m128i aes_expand_step(__m128i key, __m128i assist) {
  assist = _mm_shuffle_epi32(assist, 0xff);
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, assist);
}

/* The 11 round keys of a 16-byte key, written to `out` (176 bytes, any alignment). */
static inline void aes_expand_key(const uint8_t *key, uint8_t *out) {
  __m128i rk[11];
  rk[0] = _mm_loadu_si128((const __m128i *)key);
  /* aeskeygenassist takes its round constant as an immediate, hence the unrolled steps. */
  rk[1] = aes_expand_step(rk[0], _mm_aeskeygenassist_si128(rk[0], 0x01));
  rk[2] = aes_expand_step(rk[1], _mm_aeskeygenassist_si128(rk[1], 0x02));
  rk[3] = aes_expand_step(rk[2], _mm_aeskeygenassist_si128(rk[2], 0x04));
  rk[4] = aes_expand_step(rk[3], _mm_aeskeygenassist_si128(rk[3], 0x08));
  rk[5] = aes_expand_step(rk[4], _mm_aeskeygenassist_si128(rk[4], 0x10));
  rk[6] = aes_expand_step(rk[5], _mm_aeskeygenassist_si128(rk[5], 0x20));
  rk[7] = aes_expand_step(rk[6], _mm_aeskeygenassist_si128(rk[6], 0x40));
  rk[8] = aes_expand_step(rk[7], _mm_aeskeygenassist_si128(rk[7], 0x80));
  rk[9] = aes_expand_step(rk[8], _mm_aeskeygenassist_si128(rk[8], 0x1b));
  rk[10] = aes_expand_step(rk[9], _mm_aeskeygenassist_si128(rk[9], 0x36));
  for (int r = 0; r < 11; r++) _mm_storeu_si128((__m128i *)(out + 16 * r), rk[r]);
}

/* Round keys from their bytes (the schedule lives in caller-owned memory of any alignment). */
static inline void aes_load_schedule(const uint8_t *bytes, __m128i rk[11]) {
  for (int r = 0; r < 11; r++) rk[r] = _mm_loadu_si128((const __m128i *)(bytes + 16 * r));
}

/*
 * Encrypts b[0..count) in place (count ≤ 8). Round-major order so the blocks' rounds interleave;
 * with count a constant after inlining the loops unroll.
 */
static inline void aes_encrypt_blocks(const __m128i rk[11], __m128i *b, int count) {
  for (int k = 0; k < count; k++) b[k] = _mm_xor_si128(b[k], rk[0]);
  for (int r = 1; r < 10; r++)
    for (int k = 0; k < count; k++) b[k] = _mm_aesenc_si128(b[k], rk[r]);
  for (int k = 0; k < count; k++) b[k] = _mm_aesenclast_si128(b[k], rk[10]);
}

/*
 * A CTR stream's state in caller memory (192 bytes): the 176-byte schedule, then the counter as
 * two host-endian (little-endian on x86) u64 words, low then high. The counter is public (a block
 * position), so nothing here is secret-dependent but the key.
 */
#define STREAM_BYTES 192
#define STREAM_CTR_OFFSET 176

typedef struct {
  __m128i rk[11];
  uint64_t lo, hi;
} ctr_stream;

static inline void stream_load(const uint8_t *state, ctr_stream *s) {
  aes_load_schedule(state, s->rk);
  memcpy(&s->lo, state + STREAM_CTR_OFFSET, 8);
  memcpy(&s->hi, state + STREAM_CTR_OFFSET + 8, 8);
}

static inline void stream_store_counter(const ctr_stream *s, uint8_t *state) {
  memcpy(state + STREAM_CTR_OFFSET, &s->lo, 8);
  memcpy(state + STREAM_CTR_OFFSET + 8, &s->hi, 8);
}

/*
 * The next `count` (≤ 8) keystream blocks into b, advancing the counter. The counter is held as a
 * little-endian 128-bit value; one byte reversal (pshufb) makes each big-endian counter block. Only
 * when the low word is within 8 of wrapping do the blocks take the slow path that carries.
 */
static inline void stream_blocks(ctr_stream *s, __m128i *b, int count) {
  const __m128i reverse = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  if (s->lo <= UINT64_MAX - 8) {
    const __m128i base = _mm_set_epi64x((long long)s->hi, (long long)s->lo);
    for (int k = 0; k < count; k++) b[k] = _mm_shuffle_epi8(_mm_add_epi64(base, _mm_set_epi64x(0, k)), reverse);
  } else {
    for (int k = 0; k < count; k++) {
      const uint64_t lo = s->lo + (uint64_t)k;
      const uint64_t hi = s->hi + (uint64_t)(lo < s->lo);
      b[k] = _mm_shuffle_epi8(_mm_set_epi64x((long long)hi, (long long)lo), reverse);
    }
  }
  const uint64_t lo = s->lo + (uint64_t)count;
  s->hi += (uint64_t)(lo < s->lo);
  s->lo = lo;
  aes_encrypt_blocks(s->rk, b, count);
}

#endif
