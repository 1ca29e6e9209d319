/**
 * Oblivious sorting and tournament reductions on rows of shares. No comparison outcome is revealed:
 * every compare-and-swap and every tournament match is a secret comparison (`msb`) followed by a
 * secret bit injection, and the access pattern (the network) is public and data-independent.
 * Semi-honest.
 *
 * - sort / argsort: Batcher's bitonic sorting network (Batcher, AFIPS 1968), the construction used
 *   for oblivious sorting in e.g. Jónsson–Kreitz–Uddin (2011). Rows are padded to a power of two N
 *   with a public sentinel 2^62 − 1 that sorts last. Every layer's N/2 comparators, over all rows,
 *   are one batched comparison (msb) and one bit injection of the swap bits into the value and index
 *   differences together (2 rounds). log2 N·(log2 N + 1)/2 layers of msb + 2 rounds each.
 *   argsort carries the column indices through the same swaps. Not stable (ties in any order).
 * - max / min / argmax / argmin: a tournament, ceil(log2 cols) levels of msb + 2 rounds; ties keep the
 *   left element, so arg* returns the first occurrence (NumPy's rule).
 *
 * Domain: |x| < 2^62 − 1 (raw), so that every difference fits the comparison's domain.
 */
import type { ProtocolContext } from "../context.js";
import { msb } from "./msb.js";
import { bitMulMany } from "./select.js";
import { checkRows } from "./ring.js";
import type { Ring } from "./ring.js";

const SENTINEL = (1n << 62n) - 1n;

export interface SortResult {
  values: Ring;
  /** Integer column indices (not fixed point), as shares. */
  indices: Ring;
}

/** Public indices 0..cols−1 per row as shares (party 0 holds them). */
export function indexShares(ctx: ProtocolContext, rows: number, cols: number): Ring {
  const out = new BigUint64Array(rows * cols);
  if (ctx.party === 0) for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) out[r * cols + j] = BigInt(j);
  return out;
}

/**
 * One batched compare-exchange step: for each pair (lo[t], hi[t]) of positions, make
 * x[lo] ≤ x[hi] (swap when x[hi] < x[lo]) in `x` and every payload array, in place.
 */
async function compareExchange(ctx: ProtocolContext, x: Ring, payloads: Ring[], lo: Int32Array, hi: Int32Array): Promise<void> {
  const m = lo.length;
  const d = new BigUint64Array(m);
  for (let t = 0; t < m; t++) d[t] = BigInt.asUintN(64, x[hi[t]!]! - x[lo[t]!]!);
  // x[hi] < x[lo] ⟺ msb(x[hi] − x[lo]).
  const swap = await msb(ctx, d);
  const diffs = [d];
  for (const p of payloads) {
    const dp = new BigUint64Array(m);
    for (let t = 0; t < m; t++) dp[t] = BigInt.asUintN(64, p[hi[t]!]! - p[lo[t]!]!);
    diffs.push(dp);
  }
  const delta = await bitMulMany(ctx, swap, diffs);
  applyDelta(x, delta[0]!, lo, hi);
  payloads.forEach((p, q) => applyDelta(p, delta[q + 1]!, lo, hi));
}

function applyDelta(a: Ring, delta: Ring, lo: Int32Array, hi: Int32Array): void {
  for (let t = 0; t < lo.length; t++) {
    const v = delta[t]!;
    a[lo[t]!] = BigInt.asUintN(64, a[lo[t]!]! + v);
    a[hi[t]!] = BigInt.asUintN(64, a[hi[t]!]! - v);
  }
}

async function bitonic(
  ctx: ProtocolContext,
  x: Ring,
  rows: number,
  cols: number,
  withIndices: boolean,
  descending: boolean,
): Promise<SortResult> {
  checkRows("sort", x, rows, cols);
  let N = 1;
  while (N < cols) N <<= 1;
  const vals = new BigUint64Array(rows * N);
  const idx = new BigUint64Array(withIndices ? rows * N : 0);
  const ix = withIndices ? indexShares(ctx, rows, cols) : idx;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < N; j++) {
      if (j < cols) {
        vals[r * N + j] = x[r * cols + j]!;
        if (withIndices) idx[r * N + j] = ix[r * cols + j]!;
      } else if (ctx.party === 0) {
        vals[r * N + j] = SENTINEL;
      }
    }
  }
  const payloads = withIndices ? [idx] : [];
  const half = (N >>> 1) * rows;
  const lo = new Int32Array(half),
    hi = new Int32Array(half);
  for (let k = 2; k <= N; k <<= 1) {
    for (let j = k >>> 1; j > 0; j >>>= 1) {
      let t = 0;
      for (let r = 0; r < rows; r++) {
        const base = r * N;
        for (let i = 0; i < N; i++) {
          const l = i ^ j;
          if (l <= i) continue;
          const asc = (i & k) === 0;
          lo[t] = base + (asc ? i : l);
          hi[t] = base + (asc ? l : i);
          t++;
        }
      }
      await compareExchange(ctx, vals, payloads, lo, hi);
    }
  }
  const values = new BigUint64Array(rows * cols),
    indices = new BigUint64Array(withIndices ? rows * cols : 0);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const src = r * N + (descending ? cols - 1 - j : j);
      values[r * cols + j] = vals[src]!;
      if (withIndices) indices[r * cols + j] = idx[src]!;
    }
  }
  return { values, indices };
}

/** Each row sorted (ascending unless `descending`). */
export async function sort(ctx: ProtocolContext, x: Ring, rows: number, cols: number, descending = false): Promise<Ring> {
  return (await bitonic(ctx, x, rows, cols, false, descending)).values;
}

/** Sorted rows and, for each output position, the input column it came from. */
export async function argsort(ctx: ProtocolContext, x: Ring, rows: number, cols: number, descending = false): Promise<SortResult> {
  return bitonic(ctx, x, rows, cols, true, descending);
}
