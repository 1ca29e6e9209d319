/*
 * The local work of Ferret's silent OT (Yang, Weng, Lan, Zhang and Wang, CCS 2020): the GGM trees
 * of its single-point COTs (Goldreich, Goldwasser and Micali, JACM 1986; the sibling-sum transfer
 * of Boyle et al., CCS 2019) and its local linear code (primal LPN, row weight 10, §5).
 *
 * GGM: the length-doubling PRG is G(s) = (π_L(s) ⊕ s, π_R(s) ⊕ s), π_L and π_R AES-128 under two
 * public fixed keys. A tree of depth h lives in 2^h blocks and is expanded there in place, a level
 * at a time from the last node to the first (the children 2x, 2x + 1 of node x never overwrite a
 * node not yet read). Trees are expanded one after another, each inside 2^h·16 bytes that stay in
 * the core's L2 cache, and four nodes (eight AES blocks, four per key) are in flight per step;
 * where the CPU has VAES and AVX-512, levels of 16 nodes or more take 16 per step (ggm_level_vaes),
 * and where it has VAES with AVX2 only, levels of 8 nodes or more take 8 (ggm_level_vaes256).
 *
 * The receiver's trees start from a zero root: every value it derives from it is replaced on the
 * way down. At each level it fixes the one sibling of its path from the transferred sum K_b (its
 * position depends on the secret path, as in every GGM puncturing; no branch depends on it, the
 * side b is chosen with masks).
 *
 * LPN: output i XORs into itself the 10 base blocks at indices ⌊w·k / 2^32⌋, w the 32-bit
 * little-endian words 10i..10i + 9 of the AES-128-CTR keystream of a public seed (primitives'
 * Prg). The indices of 256 outputs are made at once (640 keystream blocks), one batch ahead of the
 * reads, and the base blocks of the outputs eight ahead are prefetched, as the base (9 MiB at the
 * main set) exceeds L2. Where the CPU has VAES (with AVX-512, or with AVX2 only), the keystream and
 * the indices take a wider path (lpn_indices_vaes, lpn_indices_vaes256) with the same bytes; the
 * caller decides at run time.
 */
#ifndef PETACE_FERRET_H
#define PETACE_FERRET_H

#include <immintrin.h>
#include <stdbool.h>

#include "aes_ni.h"

/*
 * The VAES paths need a compiler that knows VAES and AVX-512 (GCC 8, Clang 6 or later); an older
 * one leaves them out, and the AES-NI paths run everywhere.
 */
#if (defined(__clang__) && __clang_major__ >= 6) || (!defined(__clang__) && defined(__GNUC__) && __GNUC__ >= 8)
#define PETACE_VAES 1
#else
#define PETACE_VAES 0
#endif

/* The widest VAES register a kernel may use: none (AES-NI only), 256 bits (with AVX2), 512 (AVX-512). */
#define VAES_NONE 0
#define VAES_256 1
#define VAES_512 2

/* x[k] ← π_a(x[k]), y[k] ← π_b(y[k]) for k < count (≤ 4), rounds interleaved across both keys. */
static inline void aes_two_keys(const __m128i a[11], const __m128i b[11], __m128i *x, __m128i *y, int count) {
  for (int k = 0; k < count; k++) {
    x[k] = _mm_xor_si128(x[k], a[0]);
    y[k] = _mm_xor_si128(y[k], b[0]);
  }
  for (int r = 1; r < 10; r++)
    for (int k = 0; k < count; k++) {
      x[k] = _mm_aesenc_si128(x[k], a[r]);
      y[k] = _mm_aesenc_si128(y[k], b[r]);
    }
  for (int k = 0; k < count; k++) {
    x[k] = _mm_aesenclast_si128(x[k], a[10]);
    y[k] = _mm_aesenclast_si128(y[k], b[10]);
  }
}

/*
 * One level of one tree, in place: t holds `width` nodes and afterwards their 2·width children;
 * *even and *odd receive the XOR of the new even (left) and odd (right) children.
 */
static inline void ggm_level(const __m128i kl[11], const __m128i kr[11], __m128i *t, size_t width, __m128i *even, __m128i *odd) {
  __m128i se = _mm_setzero_si128(), so = _mm_setzero_si128();
  size_t x = width;
  while (x > 0) {
    const int m = x >= 4 ? 4 : (int)x;
    x -= (size_t)m;
    __m128i s[4], l[4], r[4];
    for (int k = 0; k < m; k++) s[k] = l[k] = r[k] = _mm_loadu_si128(t + x + k);
    if (m == 4)
      aes_two_keys(kl, kr, l, r, 4);
    else
      aes_two_keys(kl, kr, l, r, m);
    for (int k = m - 1; k >= 0; k--) {
      const __m128i a = _mm_xor_si128(l[k], s[k]);
      const __m128i b = _mm_xor_si128(r[k], s[k]);
      _mm_storeu_si128(t + 2 * (x + (size_t)k), a);
      _mm_storeu_si128(t + 2 * (x + (size_t)k) + 1, b);
      se = _mm_xor_si128(se, a);
      so = _mm_xor_si128(so, b);
    }
  }
  *even = se;
  *odd = so;
}

/*
 * ggm_level with VAES and AVX-512 (F; the caller checks the CPU at run time) for width a multiple of
 * 16: four nodes per register, 16 nodes (eight registers over the two keys) in flight. The children
 * of a register's nodes s0..s3 are interleaved (l0 r0 l1 r1 | l2 r2 l3 r3) into two stores; the sums
 * are the same XORs in another order.
 */
#if PETACE_VAES
#define GGM_VAES_TARGET __attribute__((target("avx512f,vaes")))

GGM_VAES_TARGET static void ggm_level_vaes(const __m128i kl[11], const __m128i kr[11], __m128i *t, size_t width, __m128i *even,
                                           __m128i *odd) {
  __m512i a[11], b[11];
  for (int r = 0; r < 11; r++) {
    a[r] = _mm512_broadcast_i32x4(kl[r]);
    b[r] = _mm512_broadcast_i32x4(kr[r]);
  }
  /* 64-bit lanes: 0–7 from the left children, 8–15 from the right */
  const __m512i first = _mm512_set_epi64(11, 10, 3, 2, 9, 8, 1, 0);
  const __m512i second = _mm512_set_epi64(15, 14, 7, 6, 13, 12, 5, 4);
  __m512i se = _mm512_setzero_si512(), so = _mm512_setzero_si512();
  for (size_t x = width; x > 0;) {
    x -= 16;
    __m512i s[4], l[4], r[4];
    for (int q = 0; q < 4; q++) {
      s[q] = _mm512_loadu_si512((const void *)(t + x + 4 * q));
      l[q] = _mm512_xor_si512(s[q], a[0]);
      r[q] = _mm512_xor_si512(s[q], b[0]);
    }
    for (int k = 1; k < 10; k++)
      for (int q = 0; q < 4; q++) {
        l[q] = _mm512_aesenc_epi128(l[q], a[k]);
        r[q] = _mm512_aesenc_epi128(r[q], b[k]);
      }
    for (int q = 0; q < 4; q++) {
      l[q] = _mm512_xor_si512(_mm512_aesenclast_epi128(l[q], a[10]), s[q]);
      r[q] = _mm512_xor_si512(_mm512_aesenclast_epi128(r[q], b[10]), s[q]);
      se = _mm512_xor_si512(se, l[q]);
      so = _mm512_xor_si512(so, r[q]);
    }
    /* every node of the step is loaded before any child is stored: children 2x.. never precede x */
    for (int q = 0; q < 4; q++) {
      _mm512_storeu_si512((void *)(t + 2 * (x + 4 * (size_t)q)), _mm512_permutex2var_epi64(l[q], first, r[q]));
      _mm512_storeu_si512((void *)(t + 2 * (x + 4 * (size_t)q) + 4), _mm512_permutex2var_epi64(l[q], second, r[q]));
    }
  }
  *even = _mm_xor_si128(_mm_xor_si128(_mm512_extracti32x4_epi32(se, 0), _mm512_extracti32x4_epi32(se, 1)),
                        _mm_xor_si128(_mm512_extracti32x4_epi32(se, 2), _mm512_extracti32x4_epi32(se, 3)));
  *odd = _mm_xor_si128(_mm_xor_si128(_mm512_extracti32x4_epi32(so, 0), _mm512_extracti32x4_epi32(so, 1)),
                       _mm_xor_si128(_mm512_extracti32x4_epi32(so, 2), _mm512_extracti32x4_epi32(so, 3)));
}

/*
 * ggm_level with VAES on 256-bit registers and AVX2 (the caller checks the CPU at run time) for width
 * a multiple of 8: two nodes per register, 8 nodes (eight registers over the two keys) in flight, for
 * CPUs with VAES but no AVX-512. Children and sums as in ggm_level_vaes.
 */
#define GGM_VAES256_TARGET __attribute__((target("avx2,vaes")))

GGM_VAES256_TARGET static void ggm_level_vaes256(const __m128i kl[11], const __m128i kr[11], __m128i *t, size_t width,
                                                 __m128i *even, __m128i *odd) {
  __m256i a[11], b[11];
  for (int r = 0; r < 11; r++) {
    a[r] = _mm256_broadcastsi128_si256(kl[r]);
    b[r] = _mm256_broadcastsi128_si256(kr[r]);
  }
  __m256i se = _mm256_setzero_si256(), so = _mm256_setzero_si256();
  for (size_t x = width; x > 0;) {
    x -= 8;
    __m256i s[4], l[4], r[4];
    for (int q = 0; q < 4; q++) {
      s[q] = _mm256_loadu_si256((const __m256i *)(t + x + 2 * q));
      l[q] = _mm256_xor_si256(s[q], a[0]);
      r[q] = _mm256_xor_si256(s[q], b[0]);
    }
    for (int k = 1; k < 10; k++)
      for (int q = 0; q < 4; q++) {
        l[q] = _mm256_aesenc_epi128(l[q], a[k]);
        r[q] = _mm256_aesenc_epi128(r[q], b[k]);
      }
    for (int q = 0; q < 4; q++) {
      l[q] = _mm256_xor_si256(_mm256_aesenclast_epi128(l[q], a[10]), s[q]);
      r[q] = _mm256_xor_si256(_mm256_aesenclast_epi128(r[q], b[10]), s[q]);
      se = _mm256_xor_si256(se, l[q]);
      so = _mm256_xor_si256(so, r[q]);
    }
    /* every node of the step is loaded before any child is stored: children 2x.. never precede x */
    for (int q = 0; q < 4; q++) {
      _mm256_storeu_si256((__m256i *)(t + 2 * (x + 2 * (size_t)q)), _mm256_permute2x128_si256(l[q], r[q], 0x20));
      _mm256_storeu_si256((__m256i *)(t + 2 * (x + 2 * (size_t)q) + 2), _mm256_permute2x128_si256(l[q], r[q], 0x31));
    }
  }
  *even = _mm_xor_si128(_mm256_castsi256_si128(se), _mm256_extracti128_si256(se, 1));
  *odd = _mm_xor_si128(_mm256_castsi256_si128(so), _mm256_extracti128_si256(so, 1));
}

#endif

/* One level by the widest path allowed: `wide` is the widest VAES register the CPU allows (VAES_*). */
static inline void ggm_level_any(const __m128i kl[11], const __m128i kr[11], __m128i *t, size_t width, __m128i *even, __m128i *odd,
                                 int wide) {
#if PETACE_VAES
  if (wide >= VAES_512 && width % 16 == 0) {
    ggm_level_vaes(kl, kr, t, width, even, odd);
    return;
  }
  if (wide >= VAES_256 && width % 8 == 0) {
    ggm_level_vaes256(kl, kr, t, width, even, odd);
    return;
  }
#else
  (void)wide;
#endif
  ggm_level(kl, kr, t, width, even, odd);
}

/*
 * Sender: `trees` trees of depth h from their roots (trees blocks); leaves gets trees·2^h blocks
 * (tree τ at τ·2^h), sums gets for tree τ and level i (1..h) the XOR of the even then odd nodes of
 * level i at blocks 2(τ·h + i − 1) and 2(τ·h + i − 1) + 1.
 */
static void ggm_send(const __m128i kl[11], const __m128i kr[11], const uint8_t *roots, size_t trees, int h, uint8_t *leaves,
                     uint8_t *sums, int wide) {
  const size_t size = (size_t)1 << h;
  for (size_t tau = 0; tau < trees; tau++) {
    __m128i *t = (__m128i *)(leaves + 16 * tau * size);
    _mm_storeu_si128(t, _mm_loadu_si128((const __m128i *)(roots + 16 * tau)));
    __m128i *s = (__m128i *)(sums + 32 * tau * (size_t)h);
    for (int i = 0; i < h; i++) {
      __m128i e, o;
      ggm_level_any(kl, kr, t, (size_t)1 << i, &e, &o, wide);
      _mm_storeu_si128(s + 2 * i, e);
      _mm_storeu_si128(s + 2 * i + 1, o);
    }
  }
}

/*
 * Receiver: for tree τ, choices[τ·h + i] (0/1) is b, the side whose sum K = k[τ·h + i] it holds
 * for level i + 1; its path goes to side 1 − b. c[τ] = Δ ⊕ (XOR of all the sender's leaves).
 * Writes every leaf of the sender's tree but the path's, and at the path's leaf v_α ⊕ Δ.
 */
static void ggm_puncture(const __m128i kl[11], const __m128i kr[11], size_t trees, int h, const uint8_t *choices, const uint8_t *k,
                         const uint8_t *c, uint8_t *leaves, int wide) {
  const size_t size = (size_t)1 << h;
  for (size_t tau = 0; tau < trees; tau++) {
    __m128i *t = (__m128i *)(leaves + 16 * tau * size);
    _mm_storeu_si128(t, _mm_setzero_si128());
    size_t path = 0;
    for (int i = 0; i < h; i++) {
      __m128i e, o;
      ggm_level_any(kl, kr, t, (size_t)1 << i, &e, &o, wide);
      const size_t b = choices[tau * (size_t)h + (size_t)i] & 1;
      const __m128i mask = _mm_set1_epi32(-(int)b);
      /* side b's sum and the other side's, by mask */
      const __m128i sb = _mm_or_si128(_mm_and_si128(mask, o), _mm_andnot_si128(mask, e));
      const __m128i sp = _mm_xor_si128(_mm_xor_si128(e, o), sb);
      path = (path << 1) | (1 - b);
      const __m128i kb = _mm_loadu_si128((const __m128i *)(k + 16 * (tau * (size_t)h + (size_t)i)));
      __m128i *sib = t + (path ^ 1);
      /* The sibling's true value: K_b ⊕ (side b's sum, which holds its stale value) ⊕ the stale value. */
      _mm_storeu_si128(sib, _mm_xor_si128(_mm_xor_si128(kb, sb), _mm_loadu_si128(sib)));
      if (i == h - 1) {
        /* The punctured leaf: c ⊕ every other leaf = c ⊕ K_b ⊕ (the path side's sum without its stale value). */
        __m128i *leaf = t + path;
        const __m128i ct = _mm_loadu_si128((const __m128i *)(c + 16 * tau));
        _mm_storeu_si128(leaf, _mm_xor_si128(_mm_xor_si128(ct, kb), _mm_xor_si128(sp, _mm_loadu_si128(leaf))));
      }
    }
  }
}

/*
 * Outputs per batch of indices: 256 outputs read 2560 words, 640 keystream blocks. The indices of the
 * next batch are made before the current batch's blocks are read, so the prefetches run LPN_AHEAD
 * outputs ahead across batch boundaries and the base reads in flight overlap the AES work.
 */
#define LPN_DEGREE 10
#define LPN_BATCH 256
#define LPN_WORDS (LPN_BATCH * LPN_DEGREE)
#define LPN_BLOCKS (LPN_WORDS / 4)
#define LPN_AHEAD 8

/* One batch's LPN_WORDS indices ⌊w·k / 2^32⌋, from the next LPN_BLOCKS keystream blocks. */
typedef void (*lpn_indices_fn)(ctr_stream *s, uint64_t k, uint32_t *idx);

static void lpn_indices_aesni(ctr_stream *s, uint64_t k, uint32_t *idx) {
  uint32_t words[LPN_WORDS];
  for (size_t j = 0; j < LPN_BLOCKS; j += 8) {
    __m128i ks[8];
    stream_blocks(s, ks, 8);
    for (int q = 0; q < 8; q++) _mm_storeu_si128((__m128i *)(words + 4 * (j + (size_t)q)), ks[q]);
  }
  for (size_t r = 0; r < LPN_WORDS; r++) idx[r] = (uint32_t)(((uint64_t)words[r] * k) >> 32);
}

/*
 * out_i ^= ⊕_j base[A_ij] for i < n (base: k blocks), and when packed is non-null also
 * out_bits[i] ^= ⊕_j base_bits[A_ij], base_bits packed LSB-first in 64-bit words (k bits: 72 KiB at
 * the main set, which stays in L1/L2 while the base blocks stream through); A's rows from the
 * keystream of `s` (counter 0 at entry). out_bits must hold 0/1 bytes.
 */
static inline __attribute__((always_inline)) void lpn_run(ctr_stream *s, uint64_t k, size_t n, const uint8_t *base,
                                                          const uint64_t *packed, uint8_t *out, uint8_t *out_bits,
                                                          lpn_indices_fn indices) {
  uint32_t idx[2][LPN_WORDS];
  const size_t batches = (n + LPN_BATCH - 1) / LPN_BATCH;
  if (batches == 0) return;
  indices(s, k, idx[0]);
  for (size_t i = 0; i < LPN_AHEAD && i < n; i++)
    for (int j = 0; j < LPN_DEGREE; j++) _mm_prefetch((const char *)(base + 16 * (size_t)idx[0][i * LPN_DEGREE + j]), _MM_HINT_T0);
  for (size_t bt = 0; bt < batches; bt++) {
    if (bt + 1 < batches) indices(s, k, idx[(bt + 1) & 1]);
    const uint32_t *cur = idx[bt & 1], *next = idx[(bt + 1) & 1];
    const size_t first = bt * LPN_BATCH;
    const size_t m = n - first < LPN_BATCH ? n - first : LPN_BATCH;
    for (size_t i = 0; i < m; i++) {
      if (first + i + LPN_AHEAD < n) {
        const size_t a = i + LPN_AHEAD;
        const uint32_t *ahead = a < LPN_BATCH ? cur + a * LPN_DEGREE : next + (a - LPN_BATCH) * LPN_DEGREE;
        for (int j = 0; j < LPN_DEGREE; j++) _mm_prefetch((const char *)(base + 16 * (size_t)ahead[j]), _MM_HINT_T0);
      }
      const uint32_t *ix = cur + i * LPN_DEGREE;
      __m128i *o = (__m128i *)(out + 16 * (first + i));
      __m128i acc = _mm_loadu_si128(o);
      for (int j = 0; j < LPN_DEGREE; j++) acc = _mm_xor_si128(acc, _mm_loadu_si128((const __m128i *)(base + 16 * (size_t)ix[j])));
      _mm_storeu_si128(o, acc);
      if (packed) {
        uint32_t x = out_bits[first + i];
        for (int j = 0; j < LPN_DEGREE; j++) x ^= (uint32_t)(packed[ix[j] >> 6] >> (ix[j] & 63));
        out_bits[first + i] = (uint8_t)(x & 1);
      }
    }
  }
}

static void lpn_encode_aesni(ctr_stream *s, uint64_t k, size_t n, const uint8_t *base, const uint64_t *packed, uint8_t *out,
                             uint8_t *out_bits) {
  lpn_run(s, k, n, base, packed, out, out_bits, lpn_indices_aesni);
}

/*
 * The same with VAES and AVX-512 (F and BW), on CPUs that have them (the caller checks, at run time):
 * four keystream blocks per instruction and 16 indices per multiply. The gathers are unchanged.
 */
#if PETACE_VAES
#define LPN_VAES_TARGET __attribute__((target("avx512f,avx512bw,vaes")))

LPN_VAES_TARGET static void lpn_indices_vaes(ctr_stream *s, uint64_t k, uint32_t *idx) {
  if (s->lo > UINT64_MAX - LPN_BLOCKS || k > UINT32_MAX) {
    /* the counter's low word would carry within the batch (never from counter 0), or k needs 33 bits */
    lpn_indices_aesni(s, k, idx);
    return;
  }
  __m512i rk[11];
  for (int r = 0; r < 11; r++) rk[r] = _mm512_broadcast_i32x4(s->rk[r]);
  const __m512i reverse = _mm512_broadcast_i32x4(_mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  const __m512i four = _mm512_set_epi64(0, 4, 0, 4, 0, 4, 0, 4);
  const __m512i kk = _mm512_set1_epi64((long long)k);
  /* four consecutive little-endian 128-bit counters (no carry, by the check above) */
  __m512i ctr = _mm512_add_epi64(_mm512_broadcast_i32x4(_mm_set_epi64x((long long)s->hi, (long long)s->lo)),
                                 _mm512_set_epi64(0, 3, 0, 2, 0, 1, 0, 0));
  for (int g = 0; g < LPN_BLOCKS / 16; g++) {
    __m512i b[4];
    for (int q = 0; q < 4; q++) {
      b[q] = _mm512_xor_si512(_mm512_shuffle_epi8(ctr, reverse), rk[0]);
      ctr = _mm512_add_epi64(ctr, four);
    }
    for (int r = 1; r < 10; r++)
      for (int q = 0; q < 4; q++) b[q] = _mm512_aesenc_epi128(b[q], rk[r]);
    for (int q = 0; q < 4; q++) {
      const __m512i w = _mm512_aesenclast_epi128(b[q], rk[10]);
      /* even words: w·k's high half moved down into the low lane; odd words: already in place */
      const __m512i even = _mm512_srli_epi64(_mm512_mul_epu32(w, kk), 32);
      const __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(w, 32), kk);
      _mm512_storeu_si512(idx + 64 * g + 16 * q, _mm512_mask_blend_epi32(0xAAAA, even, odd));
    }
  }
  s->lo += LPN_BLOCKS;
}

LPN_VAES_TARGET static void lpn_encode_vaes(ctr_stream *s, uint64_t k, size_t n, const uint8_t *base, const uint64_t *packed,
                                            uint8_t *out, uint8_t *out_bits) {
  lpn_run(s, k, n, base, packed, out, out_bits, lpn_indices_vaes);
}

/* The same with VAES on 256-bit registers and AVX2, for CPUs with VAES but no AVX-512: two keystream
 * blocks per instruction and 8 indices per multiply. */
#define LPN_VAES256_TARGET __attribute__((target("avx2,vaes")))

LPN_VAES256_TARGET static void lpn_indices_vaes256(ctr_stream *s, uint64_t k, uint32_t *idx) {
  if (s->lo > UINT64_MAX - LPN_BLOCKS || k > UINT32_MAX) {
    lpn_indices_aesni(s, k, idx);
    return;
  }
  __m256i rk[11];
  for (int r = 0; r < 11; r++) rk[r] = _mm256_broadcastsi128_si256(s->rk[r]);
  const __m256i reverse = _mm256_broadcastsi128_si256(_mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  const __m256i two = _mm256_set_epi64x(0, 2, 0, 2);
  const __m256i kk = _mm256_set1_epi64x((long long)k);
  /* two consecutive little-endian 128-bit counters (no carry, by the check above) */
  __m256i ctr = _mm256_add_epi64(_mm256_broadcastsi128_si256(_mm_set_epi64x((long long)s->hi, (long long)s->lo)),
                                 _mm256_set_epi64x(0, 1, 0, 0));
  for (int g = 0; g < LPN_BLOCKS / 16; g++) {
    __m256i b[8];
    for (int q = 0; q < 8; q++) {
      b[q] = _mm256_xor_si256(_mm256_shuffle_epi8(ctr, reverse), rk[0]);
      ctr = _mm256_add_epi64(ctr, two);
    }
    for (int r = 1; r < 10; r++)
      for (int q = 0; q < 8; q++) b[q] = _mm256_aesenc_epi128(b[q], rk[r]);
    for (int q = 0; q < 8; q++) {
      const __m256i w = _mm256_aesenclast_epi128(b[q], rk[10]);
      const __m256i even = _mm256_srli_epi64(_mm256_mul_epu32(w, kk), 32);
      const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(w, 32), kk);
      _mm256_storeu_si256((__m256i *)(idx + 64 * g + 8 * q), _mm256_blend_epi32(even, odd, 0xAA));
    }
  }
  s->lo += LPN_BLOCKS;
}

LPN_VAES256_TARGET static void lpn_encode_vaes256(ctr_stream *s, uint64_t k, size_t n, const uint8_t *base, const uint64_t *packed,
                                                  uint8_t *out, uint8_t *out_bits) {
  lpn_run(s, k, n, base, packed, out, out_bits, lpn_indices_vaes256);
}

#endif /* PETACE_VAES */

#endif
