/*
 * IKNP OT extension's local work (Ishai, Kilian, Nissim and Petrank, CRYPTO 2003), with the
 * PRG-expanded columns of Asharov, Lindell, Schneider and Zohner (CCS 2013): each of the 128
 * (sender) or 256 (receiver) base-OT seeds drives an AES-CTR stream that continues across calls.
 *
 * Both sides work in slices of SLICE OTs: the slice's 128 stream rows are generated straight into
 * a scratch matrix that stays in the L1/L2 cache, combined there, and transposed into the caller's
 * blocks, so no full-size intermediate matrix exists.
 */
#ifndef PETACE_IKNP_H
#define PETACE_IKNP_H

#include "aes_ni.h"
#include "transpose.h"

/*
 * OTs per slice: the scratch is 128 × SLICE/8 bytes (64 KiB, on the stack). Longer row chunks per
 * slice help the 128 strided row streams of u; much longer ones stop fitting in L2.
 */
#define IKNP_SLICE 4096

/* count (≤ 8) blocks of one receiver row: G(k0) to the scratch row, G(k0) ⊕ G(k1) ⊕ r to u. */
static inline void extend_blocks(ctr_stream *g0, ctr_stream *g1, const uint8_t *r, uint8_t *row, uint8_t *urow, int count) {
  /* stream_blocks sets the first count; the zeros only quiet a false -Wmaybe-uninitialized. */
  __m128i a[8] = {0}, b[8] = {0};
  stream_blocks(g0, a, count);
  stream_blocks(g1, b, count);
  for (int k = 0; k < count; k++) {
    __m128i rv = _mm_loadu_si128((const __m128i *)(r + 16 * k));
    _mm_storeu_si128((__m128i *)(row + 16 * k), a[k]);
    _mm_storeu_si128((__m128i *)(urow + 16 * k), _mm_xor_si128(_mm_xor_si128(a[k], b[k]), rv));
  }
}

/*
 * Receiver: state holds 256 streams (G(k0_i) for i < 128, then G(k1_i)). For n OTs (a multiple of
 * 128): u row i (n/8 bytes at u + i·n/8) = G(k0_i) ⊕ G(k1_i) ⊕ r, and t = columns of the G(k0_i) rows.
 */
static void iknp_extend(uint8_t *state, const uint8_t *r, size_t n, uint8_t *u, uint8_t *t) {
  _Alignas(16) uint8_t scratch[128 * (IKNP_SLICE / 8)];
  const size_t row_bytes = n / 8;
  for (size_t off = 0; off < n; off += IKNP_SLICE) {
    const size_t m = n - off < IKNP_SLICE ? n - off : IKNP_SLICE;
    const size_t rb = m / 8, nb = rb / 16;
    const uint8_t *rs = r + off / 8;
    for (int i = 0; i < 128; i++) {
      ctr_stream g0, g1;
      stream_load(state + (size_t)i * STREAM_BYTES, &g0);
      stream_load(state + (size_t)(128 + i) * STREAM_BYTES, &g1);
      uint8_t *row = scratch + (size_t)i * rb;
      uint8_t *urow = u + (size_t)i * row_bytes + off / 8;
      size_t j = 0;
      for (; j + 8 <= nb; j += 8) extend_blocks(&g0, &g1, rs + 16 * j, row + 16 * j, urow + 16 * j, 8);
      /* The tail: nb − j < 8 here; the mask only lets the compiler see it. */
      if (j < nb) extend_blocks(&g0, &g1, rs + 16 * j, row + 16 * j, urow + 16 * j, (int)((nb - j) & 7));
      stream_store_counter(&g0, state + (size_t)i * STREAM_BYTES);
      stream_store_counter(&g1, state + (size_t)(128 + i) * STREAM_BYTES);
    }
    transpose_128xm(scratch, rb, t + 16 * off);
  }
}

/* count (≤ 8) blocks of one sender row: G(k) ⊕ (u & mask) to the scratch row. */
static inline void expand_blocks(ctr_stream *g, __m128i mask, const uint8_t *urow, uint8_t *row, int count) {
  __m128i a[8];
  stream_blocks(g, a, count);
  for (int k = 0; k < count; k++) {
    __m128i uv = _mm_and_si128(_mm_loadu_si128((const __m128i *)(urow + 16 * k)), mask);
    _mm_storeu_si128((__m128i *)(row + 16 * k), _mm_xor_si128(a[k], uv));
  }
}

/*
 * Sender: state holds the 128 streams G(k_i) of the seeds received with choices Δ. Row i =
 * G(k_i) ⊕ (Δ_i·u_i), Δ_i applied as an all-ones/all-zeros mask so there is no branch on Δ.
 * q = the columns.
 */
static void iknp_expand(uint8_t *state, const uint8_t *delta, const uint8_t *u, size_t n, uint8_t *q) {
  _Alignas(16) uint8_t scratch[128 * (IKNP_SLICE / 8)];
  const size_t row_bytes = n / 8;
  for (size_t off = 0; off < n; off += IKNP_SLICE) {
    const size_t m = n - off < IKNP_SLICE ? n - off : IKNP_SLICE;
    const size_t rb = m / 8, nb = rb / 16;
    for (int i = 0; i < 128; i++) {
      const __m128i mask = _mm_set1_epi8((char)(0 - ((delta[i >> 3] >> (i & 7)) & 1)));
      ctr_stream g;
      stream_load(state + (size_t)i * STREAM_BYTES, &g);
      uint8_t *row = scratch + (size_t)i * rb;
      const uint8_t *urow = u + (size_t)i * row_bytes + off / 8;
      size_t j = 0;
      for (; j + 8 <= nb; j += 8) expand_blocks(&g, mask, urow + 16 * j, row + 16 * j, 8);
      if (j < nb) expand_blocks(&g, mask, urow + 16 * j, row + 16 * j, (int)((nb - j) & 7));
      stream_store_counter(&g, state + (size_t)i * STREAM_BYTES);
    }
    transpose_128xm(scratch, rb, q + 16 * off);
  }
}

#endif
