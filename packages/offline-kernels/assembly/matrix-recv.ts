/**
 * The receiver's per-entry arithmetic of matrix triples (see matrix-send.ts for the scheme and the
 * layout of the corrections): with its hash elements h_k = H(K_{y_k}) and the sender's c_k,
 *   share Σ_k 2^k·(h_k + y_k·c_k) = Σ_k 2^k·(h0_k + y_k·x), accumulated into acc.
 * y's bits select by masks: no data-dependent branch or address.
 */
import { lanes } from "./matrix-send";

/** Key 0: acc += h + y·c (y ∈ {0, 1}). */
export function matrixRecvFirst(h: usize, c: usize, acc: usize, end: usize, y: u32): void {
  const mask = 0 - <u64>y;
  let j: usize = 0;
  do {
    store<u64>(acc + j, load<u64>(acc + j) + load<u64>(h + j) + (load<u64>(c + j) & mask));
    j += 8;
  } while (j < end);
}

/** Key 32: acc += (h + y·c32) << 32, on 4-byte elements. */
export function matrixRecvMid(h: usize, c32: usize, acc: usize, end: usize, y: u32): void {
  const mask = 0 - y;
  let i: usize = 0;
  let j: usize = 0;
  do {
    store<u64>(acc + j, load<u64>(acc + j) + ((<u64>(load<u32>(h + i) + (load<u32>(c32 + i) & mask))) << 32));
    i += 4;
    j += 8;
  } while (j < end);
}

/**
 * Keys k (w: elements ww bytes apart) and 64−k (n: wn apart) from slot k at c, with y_k = yk and
 * y_{64−k} = yn: acc += 2^k(h_k + y_k c_k) + 2^(64−k)(h_{64−k} + y_{64−k} c_{64−k}).
 */
export function matrixRecvPair(w: usize, n: usize, c: usize, acc: usize, end: usize, k: u32, yk: u32, yn: u32, ww: usize, wn: usize): void {
  const kk = <u64>k;
  const sn = 64 - kk;
  const mw = 0 - <u64>yk;
  // y_{64−k}·2^(64−k)·c_{64−k} = slot & mn
  const mn = (0 - <u64>yn) & (u64.MAX_VALUE << sn);
  let i: usize = 0;
  let ni: usize = 0;
  let j: usize = 0;
  do {
    const cv = load<u64>(c + j);
    store<u64>(acc + j, load<u64>(acc + j) + (load<u64>(w + i) << kk) + (load<u64>(n + ni) << sn) + ((cv << kk) & mw) + (cv & mn));
    i += ww;
    ni += wn;
    j += 8;
  } while (j < end);
}

/** matrixRecvPair on two elements per step (i64x2); end = 16·⌊m/2⌋ > 0. */
export function matrixRecvPair2(
  w: usize,
  n: usize,
  c: usize,
  acc: usize,
  end: usize,
  k: u32,
  yk: u32,
  yn: u32,
  ww: usize,
  wn: usize,
): void {
  const sn = 64 - <i32>k;
  const mw = i64x2.splat(0 - <u64>yk);
  const mn = i64x2.splat((0 - <u64>yn) & (u64.MAX_VALUE << (<u64>sn)));
  let i: usize = 0;
  let ni: usize = 0;
  let j: usize = 0;
  do {
    const cv = v128.load(c + j);
    let a = i64x2.add(v128.load(acc + j), i64x2.shl(lanes(w + i, ww), <i32>k));
    a = i64x2.add(a, i64x2.shl(lanes(n + ni, wn), sn));
    a = i64x2.add(a, v128.and(i64x2.shl(cv, <i32>k), mw));
    v128.store(acc + j, i64x2.add(a, v128.and(cv, mn)));
    i += ww << 1;
    ni += wn << 1;
    j += 16;
  } while (j < end);
}

/** One entry: all 64 keys, with y = ylo + 2^32·yhi (the receiver's entry of B); h its key set. */
export function matrixRecvEntry(h: usize, c: usize, acc: usize, end: usize, offs: usize, ylo: u32, yhi: u32): void {
  matrixRecvFirst(h, c, acc, end, ylo & 1);
  matrixRecvMid(h + load<u32>(offs + 128), c + end * 32, acc, end, yhi & 1);
  const even = end & ~15;
  let j: u32 = 1;
  do {
    const wk = h + load<u32>(offs + ((<usize>j) << 2));
    const nk = h + load<u32>(offs + ((<usize>(64 - j)) << 2));
    const ww: usize = 8 - (j >> 3);
    const wn: usize = 8 - ((64 - j) >> 3);
    const cj = c + end * j;
    const yk = (ylo >> j) & 1;
    const yn = (yhi >> (32 - j)) & 1;
    if (even) matrixRecvPair2(wk, nk, cj, acc, even, j, yk, yn, ww, wn);
    if (end & 8) matrixRecvPair(wk + ww * (even >> 3), nk + wn * (even >> 3), cj + even, acc + even, 8, j, yk, yn, ww, wn);
    j++;
  } while (j < 32);
}
