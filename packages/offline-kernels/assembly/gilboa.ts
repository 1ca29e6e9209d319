/**
 * Gilboa's product sharing over Z_2^64 (Gilboa, "Two Party RSA Key Generation", CRYPTO 1999) from
 * correlated OT, as ABY (Demmler, Schneider, Zohner, NDSS 2015) does it, fused with the end of the
 * hash: h = low 64 bits of π(σ(K)) ⊕ σ(K), read from e and s (see sigma.ts). For product t, COT
 * 64t + k carries bit k of y; the sender has h0_k = H(K0), h1_k = H(K1 = K0 ⊕ Δ), the receiver
 * h_k = H(K_{y_k}) = h0_k when y_k = 0:
 *   sender    c_k = h0_k + x − h1_k, share −Σ 2^k·h0_k
 *   receiver  share Σ 2^k·(h_k + y_k·c_k) = Σ 2^k·(h0_k + y_k·x)
 * Only the low 64 − k bits of c_k matter, so the corrections pack into 2080 bits per product
 * (correlations' gilboa.ts and src/kernels.ts state the layout): word 0 = c_0, word k (1..31) =
 * c_k in its low 64 − k bits and c_{64−k} in its high k bits, and c_32's low half in a separate
 * u32 per product. Keys k and 64 − k are handled together for that reason.
 * y selects by masks, not branches: no data-dependent branch or address.
 */

/** Low 64 bits of H for the block at byte offset `at` of e and s. */
function h(e: usize, s: usize, at: usize): u64 {
  return load<u64>(e + at) ^ load<u64>(s + at);
}

/**
 * Sender, n products: (e0, s0) hash to h0 and (e1, s1) to h1 (64n blocks each), x the n u64 inputs;
 * writes the 32 words of product t at words + 256t and its c_32 half at halves + 4t, and
 * subtracts its share from the u64 at acc + 8t.
 */
export function gilboaSend(e0: usize, s0: usize, e1: usize, s1: usize, x: usize, n: usize, words: usize, halves: usize, acc: usize): void {
  for (let t: usize = 0; t < n; t++) {
    const xt = load<u64>(x + (t << 3));
    const base = t << 10;
    const w = words + (t << 8);
    let h0 = h(e0, s0, base);
    store<u64>(w, h0 + xt - h(e1, s1, base));
    let share = h0;
    for (let k: u64 = 1; k < 32; k++) {
      const at = base + ((<usize>k) << 4);
      const atPartner = base + ((<usize>(64 - k)) << 4);
      h0 = h(e0, s0, at);
      const p0 = h(e0, s0, atPartner);
      const ck = h0 + xt - h(e1, s1, at);
      const cp = p0 + xt - h(e1, s1, atPartner);
      store<u64>(w + ((<usize>k) << 3), (ck & (u64.MAX_VALUE >> k)) | (cp << (64 - k)));
      share += (h0 << k) + (p0 << (64 - k));
    }
    h0 = h(e0, s0, base + 512);
    store<u32>(halves + (t << 2), <u32>(h0 + xt - h(e1, s1, base + 512)));
    share += h0 << 32;
    const a = acc + (t << 3);
    store<u64>(a, load<u64>(a) - share);
  }
}

/**
 * Receiver, n products: (e, s) hash to h (64n blocks), y the n u64 inputs, the peer's words and
 * halves as gilboaSend wrote them; adds its share to the u64 at acc + 8t.
 */
export function gilboaReceive(e: usize, s: usize, y: usize, n: usize, words: usize, halves: usize, acc: usize): void {
  for (let t: usize = 0; t < n; t++) {
    const yt = load<u64>(y + (t << 3));
    const base = t << 10;
    const w = words + (t << 8);
    let share = h(e, s, base) + (load<u64>(w) & (0 - (yt & 1)));
    for (let k: u64 = 1; k < 32; k++) {
      const word = load<u64>(w + ((<usize>k) << 3));
      const lo = u64.MAX_VALUE >> k;
      // 2^k·c_k: the partner's bits shift out; 2^(64−k)·c_{64−k}: the word's high k bits.
      share += (h(e, s, base + ((<usize>k) << 4)) << k) + ((word << k) & (0 - ((yt >> k) & 1)));
      share += (h(e, s, base + ((<usize>(64 - k)) << 4)) << (64 - k)) + (word & ~lo & (0 - ((yt >> (64 - k)) & 1)));
    }
    const half = <u64>load<u32>(halves + (t << 2));
    share += (h(e, s, base + 512) << 32) + ((half << 32) & (0 - ((yt >> 32) & 1)));
    const a = acc + (t << 3);
    store<u64>(a, load<u64>(a) + share);
  }
}
