/**
 * The AES inputs of the hash expansion of matrix triples (correlations' matrix-expand.ts states the
 * scheme): COT key j's m-vector is read off H(K_j ⊕ 0) ‖ H(K_j ⊕ 1) ‖ ..., and as σ (GKWY 2020
 * §7.3) is linear, σ(K_j ⊕ i) = σ(K_j) ⊕ (i, 0, i, 0) on 32-bit words, with the tweak i in the
 * key's low word. The JS side runs AES on what `matrixSpread` writes, then `matrixXor` finishes H.
 */

/**
 * matrixSpread(src, keys, table, dst, set, d): for keys j < keys (σ(K_j) at src + 16j) and
 * i < table[j mod 64] (i32s), writes σ(K_j ⊕ i) packed from dst; when set ≠ 0 also σ(K_j ⊕ i) ⊕ σ(Δ)
 * (σ(Δ) at d) `set` bytes further on. Both loops run at least once.
 */
export function matrixSpread(src: usize, keys: u32, table: usize, dst: usize, set: usize, d: usize): void {
  const dv = v128.load(d);
  const step = i32x4(1, 0, 1, 0);
  let p = dst;
  let j: u32 = 0;
  do {
    const sk = v128.load(src + ((<usize>j) << 4));
    const n = load<u32>(table + ((<usize>(j & 63)) << 2));
    let tw = i32x4(0, 0, 0, 0);
    let i: u32 = 0;
    do {
      const v = v128.xor(sk, tw);
      v128.store(p, v);
      if (set) v128.store(p + set, v128.xor(v, dv));
      tw = i32x4.add(tw, step);
      p += 16;
      i++;
    } while (i < n);
    j++;
  } while (j < keys);
}

/** a[0..n) ^= b[0..n), 16 bytes per step (n a positive multiple of 16): H = π(σ) ⊕ σ. */
export function matrixXor(a: usize, b: usize, n: usize): void {
  let i: usize = 0;
  do {
    v128.store(a + i, v128.xor(v128.load(a + i), v128.load(b + i)));
    i += 16;
  } while (i < n);
}
