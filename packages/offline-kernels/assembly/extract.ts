/**
 * The parts of H(x) = π(σ(x)) ⊕ σ(x) that Gilboa products and bit OTs use, finished straight from
 * π(σ(x)) at e and σ(x) at s (see sigma.ts) without writing the full blocks: the low 64 bits
 * (bytes 0..7, little-endian) and bit 0.
 */

/** out[j] = low 64 bits of e_j ⊕ s_j for j < n (u64s at out). Two blocks per step. */
export function low64(e: usize, s: usize, n: usize, out: usize): void {
  const d = s - e;
  const pairs = e + ((n >> 1) << 5);
  let o = out;
  let p = e;
  for (; p < pairs; p += 32, o += 16) {
    const a = v128.xor(v128.load(p), v128.load(p + d));
    const b = v128.xor(v128.load(p, 16), v128.load(p + d, 16));
    v128.store(o, i64x2.shuffle(a, b, 0, 2));
  }
  if (n & 1) store<u64>(o, load<u64>(p) ^ load<u64>(p + d));
}

/** Bit 0 of e_j ⊕ s_j for j < n (n a multiple of 32), packed LSB-first into u32s at out. */
export function lsb(e: usize, s: usize, n: usize, out: usize): void {
  const d = s - e;
  for (let w: usize = 0; w < n >> 5; w++) {
    let bits: u32 = 0;
    let p = e + (w << 9);
    for (let b: u32 = 0; b < 32; b++, p += 16) bits |= ((load<u32>(p) ^ load<u32>(p + d)) & 1) << b;
    store<u32>(out + (w << 2), bits);
  }
}
