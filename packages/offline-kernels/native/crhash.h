/*
 * The circular correlation-robust hash of Guo, Katz, Wang and Yu, "Efficient and Secure Multiparty
 * Computation from Fixed-Key Block Ciphers" (IEEE S&P 2020), §7.3: H(x) = π(σ(x)) ⊕ σ(x), π = AES-128
 * under a fixed public key (primitives' CRHASH_KEY, passed in as its schedule), σ(x_L ‖ x_R) =
 * (x_L ⊕ x_R) ‖ x_L on 8-byte halves. σ is linear, so σ(q ⊕ Δ) = σ(q) ⊕ σ(Δ): a pair H(q), H(q ⊕ Δ)
 * costs one σ and two AES.
 */
#ifndef PETACE_CRHASH_H
#define PETACE_CRHASH_H

#include "aes_ni.h"

/* σ: lanes (x_L, x_R) → (x_L ⊕ x_R, x_L). The swap gives (x_R, x_L); XOR in (x_L, 0). */
static inline __m128i crh_sigma(__m128i x) {
  return _mm_xor_si128(_mm_shuffle_epi32(x, 0x4e), _mm_move_epi64(x));
}

/* h[k] = π(s[k]) ⊕ s[k] for k < count (≤ 8), where s holds σ of the inputs. */
static inline void crh_from_sigma(const __m128i rk[11], const __m128i *s, __m128i *h, int count) {
  for (int k = 0; k < count; k++) h[k] = s[k];
  aes_encrypt_blocks(rk, h, count);
  for (int k = 0; k < count; k++) h[k] = _mm_xor_si128(h[k], s[k]);
}

/* Bytes 0..7 of a hash as a little-endian u64 (x86 is little-endian). */
static inline uint64_t crh_low64(__m128i h) {
  return (uint64_t)_mm_cvtsi128_si64(h);
}

#endif
