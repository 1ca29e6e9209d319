/**
 * The sender's per-entry arithmetic of matrix triples by Gilboa with vector messages (SecureML,
 * Mohassel and Zhang, IEEE S&P 2017, §4.2; correlations' matrix.ts). For entry e of B and row r,
 * the virtual product x·y has x = A_sender[r][l], y = B_receiver[l][col]; key k (bit k of y) gives
 * hash elements h0_k, h1_k. As in scalar Gilboa (gilboa.ts):
 *   c_k = h0_k + x − h1_k mod 2^(64−k),  share −Σ_k 2^k·h0_k, accumulated into acc.
 * Corrections per entry, 260·m bytes: 32 slots of m u64 then m u32; slot 0 is c_0, slot k (1..31)
 * holds c_k in its low 64−k bits and c_{64−k} in its high k bits, the u32s are c_32. Keys k and
 * 64−k are handled in one pass for that reason.
 *
 * Addresses in bytes, end = 8·m (loops run at least once); key k's elements are W_k = 8 − ⌊k/8⌋
 * bytes apart in its hash stream and read with one unaligned 8-byte load (correlations'
 * matrix-expand.ts). No data-dependent branch or address.
 */

/** Key 0: c = h0 + x − h1; acc −= h0. */
export function matrixSendFirst(h0: usize, h1: usize, x: usize, c: usize, acc: usize, end: usize): void {
  let j: usize = 0;
  do {
    const t = load<u64>(h0 + j);
    store<u64>(c + j, t + load<u64>(x + j) - load<u64>(h1 + j));
    store<u64>(acc + j, load<u64>(acc + j) - t);
    j += 8;
  } while (j < end);
}

/** Key 32 (4-byte elements): c32 = h0 + x − h1 (u32s); acc −= h0 << 32. */
export function matrixSendMid(h0: usize, h1: usize, x: usize, c32: usize, acc: usize, end: usize): void {
  let i: usize = 0;
  let j: usize = 0;
  do {
    const a = load<u32>(h0 + i);
    store<u32>(c32 + i, a + load<u32>(x + j) - load<u32>(h1 + i));
    store<u64>(acc + j, load<u64>(acc + j) - ((<u64>a) << 32));
    i += 4;
    j += 8;
  } while (j < end);
}

/**
 * Keys k (w0, w1: elements ww bytes apart) and 64−k (n0, n1: wn apart) into slot k at c;
 * acc −= 2^k·h0_k + 2^(64−k)·h0_{64−k}.
 */
export function matrixSendPair(
  w0: usize,
  w1: usize,
  n0: usize,
  n1: usize,
  x: usize,
  c: usize,
  acc: usize,
  end: usize,
  k: u32,
  ww: usize,
  wn: usize,
): void {
  const kk = <u64>k;
  const sn = 64 - kk;
  const lo = u64.MAX_VALUE >> kk;
  let i: usize = 0;
  let ni: usize = 0;
  let j: usize = 0;
  do {
    const h = load<u64>(w0 + i);
    const a = load<u64>(n0 + ni);
    const xv = load<u64>(x + j);
    store<u64>(c + j, ((h + xv - load<u64>(w1 + i)) & lo) | ((a + xv - load<u64>(n1 + ni)) << sn));
    store<u64>(acc + j, load<u64>(acc + j) - (h << kk) - (a << sn));
    i += ww;
    ni += wn;
    j += 8;
  } while (j < end);
}

/** Elements at p and p + w as the two lanes of an i64x2. */
export function lanes(p: usize, w: usize): v128 {
  return v128.load64_lane(p + w, v128.load64_zero(p), 1);
}

/** matrixSendPair on two elements per step (i64x2); end = 16·⌊m/2⌋ > 0. */
export function matrixSendPair2(
  w0: usize,
  w1: usize,
  n0: usize,
  n1: usize,
  x: usize,
  c: usize,
  acc: usize,
  end: usize,
  k: u32,
  ww: usize,
  wn: usize,
): void {
  const sn = 64 - <i32>k;
  const lo = i64x2.splat(u64.MAX_VALUE >> <u64>k);
  let i: usize = 0;
  let ni: usize = 0;
  let j: usize = 0;
  do {
    const h = lanes(w0 + i, ww);
    const a = lanes(n0 + ni, wn);
    const xv = v128.load(x + j);
    const ck = v128.and(i64x2.sub(i64x2.add(h, xv), lanes(w1 + i, ww)), lo);
    const cn = i64x2.shl(i64x2.sub(i64x2.add(a, xv), lanes(n1 + ni, wn)), sn);
    v128.store(c + j, v128.or(ck, cn));
    v128.store(acc + j, i64x2.sub(i64x2.sub(v128.load(acc + j), i64x2.shl(h, <i32>k)), i64x2.shl(a, sn)));
    i += ww << 1;
    ni += wn << 1;
    j += 16;
  } while (j < end);
}

/**
 * One entry: all 64 keys. h0 = the entry's K0 key set (its K1 set `set` bytes on), x = the m
 * elements of A's column, c = the entry's 260·m correction bytes, offs = the byte offsets of the 64
 * keys in a key set (i32s). Pairs of elements on SIMD, an odd m's last element on the scalar kernel.
 */
export function matrixSendEntry(h0: usize, set: usize, x: usize, c: usize, acc: usize, end: usize, offs: usize): void {
  matrixSendFirst(h0, h0 + set, x, c, acc, end);
  const mid = h0 + load<u32>(offs + 128);
  matrixSendMid(mid, mid + set, x, c + end * 32, acc, end);
  const even = end & ~15; // 16·⌊m/2⌋
  let j: u32 = 1;
  do {
    let wk = h0 + load<u32>(offs + ((<usize>j) << 2));
    let nk = h0 + load<u32>(offs + ((<usize>(64 - j)) << 2));
    const ww: usize = 8 - (j >> 3);
    const wn: usize = 8 - ((64 - j) >> 3);
    const cj = c + end * j;
    if (even) matrixSendPair2(wk, wk + set, nk, nk + set, x, cj, acc, even, j, ww, wn);
    if (end & 8) {
      wk += ww * (even >> 3);
      nk += wn * (even >> 3);
      matrixSendPair(wk, wk + set, nk, nk + set, x + even, cj + even, acc + even, 8, j, ww, wn);
    }
    j++;
  } while (j < 32);
}
