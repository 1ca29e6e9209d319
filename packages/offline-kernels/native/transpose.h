/*
 * The 128 × m bit-matrix transpose of IKNP: row i of the matrix is κ-column stream i (m bits,
 * m/8 bytes), and OT j needs column j as one 16-byte block with bit i = bit j of row i.
 *
 * Method: tiles of 16 rows × 128 columns. A 16×16 byte transpose (four rounds of SSE2 unpacks)
 * gathers byte b of the 16 rows into one register; pmovmskb then reads bit 7 of each of its 16 bytes,
 * which is one column's 16 bits for those rows, and a byte-wise doubling brings the next bit up.
 * Everything is data-oblivious: the same loads, shuffles and stores whatever the bits.
 */
#ifndef PETACE_TRANSPOSE_H
#define PETACE_TRANSPOSE_H

#include <emmintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* One round of the byte transpose: interleave v[i] with v[i+8] at the given unpack width. */
#define TRANSPOSE_ROUND(lo, hi)                  \
  do {                                           \
    __m128i t[16];                               \
    for (int i = 0; i < 8; i++) {                \
      t[2 * i] = lo(v[i], v[i + 8]);             \
      t[2 * i + 1] = hi(v[i], v[i + 8]);         \
    }                                            \
    for (int i = 0; i < 16; i++) v[i] = t[i];    \
  } while (0)

/*
 * v[k] = byte row k of a 16×16 byte tile becomes v[b] = byte column b, provided the rows were
 * loaded in 4-bit-reversed order: four rounds of "pair register i with i+8" leave the row index
 * bit-reversed in each output register, and loading reversed cancels that without extra shuffles.
 */
static inline void transpose_16x16_bytes(__m128i v[16]) {
  TRANSPOSE_ROUND(_mm_unpacklo_epi8, _mm_unpackhi_epi8);
  TRANSPOSE_ROUND(_mm_unpacklo_epi16, _mm_unpackhi_epi16);
  TRANSPOSE_ROUND(_mm_unpacklo_epi32, _mm_unpackhi_epi32);
  TRANSPOSE_ROUND(_mm_unpacklo_epi64, _mm_unpackhi_epi64);
}

static const uint8_t BITREV4[16] = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};

/*
 * rows: 128 rows of rb bytes (rb a multiple of 16), row i at rows + i·rb. Writes the 8·rb columns
 * as 16-byte blocks to out: bit i of block j (byte i/8, bit i%8) = bit j of row i (LSB-first).
 */
static inline void transpose_128xm(const uint8_t *rows, size_t rb, uint8_t *out) {
  for (size_t c = 0; c < rb; c += 16) {
    /* Columns 8c .. 8c+127: blocks from out + 16·8c. */
    uint8_t *tile = out + 128 * c;
    for (int g = 0; g < 8; g++) {
      __m128i v[16];
      for (int k = 0; k < 16; k++) v[k] = _mm_loadu_si128((const __m128i *)(rows + (size_t)(16 * g + BITREV4[k]) * rb + c));
      transpose_16x16_bytes(v);
      /* v[b] byte k = byte c+b of row 16g+k: columns 8(c+b) .. 8(c+b)+7, MSB first. */
      for (int b = 0; b < 16; b++) {
        __m128i x = v[b];
        for (int bit = 7; bit >= 0; bit--) {
          uint16_t m = (uint16_t)_mm_movemask_epi8(x);
          memcpy(tile + 16 * (8 * b + bit) + 2 * g, &m, 2);
          x = _mm_add_epi8(x, x);
        }
      }
    }
  }
}

#endif
