/**
 * The local work of Ferret's silent OT (Yang, Weng, Lan, Zhang and Wang, CCS 2020) between the AES
 * calls the JS side makes on whole 64 KiB chunks (src/portable/ferret.ts): the GGM level step
 * (children from the PRG's outputs, and per-tree sums of the even and odd children), the
 * receiver's per-level fix of its path's sibling, and the local linear code's XORs.
 *
 * GGM layout: level i of a group of trees is trees·2^i blocks, tree-major, so node x's children
 * are 2x and 2x + 1 for every tree at once and a level expands in place from its last node down.
 */

/**
 * The chunk [a, b) of a level of width 2^logWidth per tree, at buf: e0 and e1 hold π_L and π_R of
 * the chunk's nodes. Writes the children and XORs them into the sums of their tree (even at
 * sums + tree·stride, odd 16 bytes after).
 */
export function ggmLevel(buf: usize, e0: usize, e1: usize, a: usize, b: usize, logWidth: u32, sums: usize, stride: usize): void {
  for (let x = b; x > a; ) {
    x--;
    const s = v128.load(buf + (x << 4));
    const o = (x - a) << 4;
    const l = v128.xor(v128.load(e0 + o), s);
    const r = v128.xor(v128.load(e1 + o), s);
    const c = buf + (x << 5);
    v128.store(c, l);
    v128.store(c + 16, r);
    const t = sums + (x >> logWidth) * stride;
    v128.store(t, v128.xor(v128.load(t), l));
    v128.store(t + 16, v128.xor(v128.load(t + 16), r));
  }
}

/**
 * The receiver's step after level i + 1 of `trees` trees of depth h: for tree τ, b = choices[τ·h + i]
 * picks the side whose sum K = k[τ·h + i] it was sent; its path (u32 at path + 4τ) goes to side
 * 1 − b, its sibling becomes K ⊕ (side b's sum) ⊕ its stale value, and at the last level the path's
 * leaf becomes c_τ ⊕ K ⊕ (the other side's sum) ⊕ its stale value. b selects by masks.
 */
export function ggmFix(buf: usize, sums: usize, trees: usize, h: usize, i: usize, choices: usize, k: usize, c: usize, path: usize): void {
  const last = i + 1 === h;
  for (let tau: usize = 0; tau < trees; tau++) {
    const at = tau * h + i;
    const b = <u32>load<u8>(choices + at) & 1;
    const mask = i32x4.splat(-(<i32>b));
    const e = v128.load(sums + (at << 5));
    const o = v128.load(sums + (at << 5) + 16);
    const sb = v128.bitselect(o, e, mask);
    const sp = v128.xor(v128.xor(e, o), sb);
    const p = (load<u32>(path + (tau << 2)) << 1) | (1 - b);
    store<u32>(path + (tau << 2), p);
    const kb = v128.load(k + (at << 4));
    const row = buf + ((tau << (i + 1)) << 4);
    const sib = row + ((<usize>(p ^ 1)) << 4);
    v128.store(sib, v128.xor(v128.xor(kb, sb), v128.load(sib)));
    if (last) {
      const leaf = row + ((<usize>p) << 4);
      v128.store(leaf, v128.xor(v128.xor(v128.load(c + (tau << 4)), kb), v128.xor(sp, v128.load(leaf))));
    }
  }
}

/** Row weight of the code. */
const DEGREE: usize = 10;

/** m outputs at out: out_i ^= ⊕_j base[⌊w·k / 2^32⌋] over the u32 words w at words + 40i + 4j. */
export function lpnChunk(words: usize, m: usize, k: u32, base: usize, out: usize): void {
  for (let i: usize = 0; i < m; i++) {
    const wi = words + i * (DEGREE << 2);
    let acc = v128.load(out + (i << 4));
    for (let j: usize = 0; j < DEGREE; j++) {
      const y = <usize>((<u64>load<u32>(wi + (j << 2)) * <u64>k) >> 32);
      acc = v128.xor(acc, v128.load(base + (y << 4)));
    }
    v128.store(out + (i << 4), acc);
  }
}

/** lpnChunk, and outBits[i] ^= ⊕_j baseBits[⌊w·k / 2^32⌋] (one byte per bit). */
export function lpnChunkBits(words: usize, m: usize, k: u32, base: usize, out: usize, baseBits: usize, outBits: usize): void {
  for (let i: usize = 0; i < m; i++) {
    const wi = words + i * (DEGREE << 2);
    let acc = v128.load(out + (i << 4));
    let x = load<u8>(outBits + i);
    for (let j: usize = 0; j < DEGREE; j++) {
      const y = <usize>((<u64>load<u32>(wi + (j << 2)) * <u64>k) >> 32);
      acc = v128.xor(acc, v128.load(base + (y << 4)));
      x ^= load<u8>(baseBits + y);
    }
    v128.store(out + (i << 4), acc);
    store<u8>(outBits + i, x);
  }
}
