/**
 * max, min, argmax and argmin over the rows of shares by a tournament: ceil(log2 cols) levels, each
 * one batched secret comparison (msb) and one bit injection of the outcome into the value (and
 * index) differences. No comparison outcome is revealed; ties keep the left element, so arg*
 * returns the first occurrence (NumPy's rule). Semi-honest; domain |x| < 2^62 − 1 (raw).
 */
import type { ProtocolContext } from "../context.js";
import { msb } from "./msb.js";
import { checkRows, type Ring } from "./ring.js";
import { bitMulMany } from "./select.js";
import { indexShares, type SortResult } from "./sort.js";

/**
 * Tournament over each row: winner of (left, right) is right iff right beats left strictly
 * (right > left for max, right < left for min), so ties keep the first occurrence.
 */
export async function tournament(
  ctx: ProtocolContext,
  x: Ring,
  rows: number,
  cols: number,
  mode: "max" | "min",
  withIndices: boolean,
): Promise<SortResult> {
  checkRows(mode, x, rows, cols);
  let vals = x,
    idx = withIndices ? indexShares(ctx, rows, cols) : new BigUint64Array(0),
    width = cols;
  while (width > 1) {
    const pairs = width >>> 1,
      next = (width + 1) >>> 1;
    const m = rows * pairs;
    const d = new BigUint64Array(m),
      di = new BigUint64Array(withIndices ? m : 0);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < pairs; j++) {
        const a = r * width + 2 * j,
          t = r * pairs + j;
        d[t] = BigInt.asUintN(64, vals[a + 1]! - vals[a]!);
        if (withIndices) di[t] = BigInt.asUintN(64, idx[a + 1]! - idx[a]!);
      }
    }
    // max: take right iff left < right ⟺ msb(left − right); min: iff right < left ⟺ msb(d).
    const test = new BigUint64Array(m);
    for (let t = 0; t < m; t++) test[t] = mode === "max" ? BigInt.asUintN(64, -d[t]!) : d[t]!;
    const take = await msb(ctx, test);
    const [dv, dix] = await bitMulMany(ctx, take, withIndices ? [d, di] : [d]);
    const nv = new BigUint64Array(rows * next),
      ni = new BigUint64Array(withIndices ? rows * next : 0);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < pairs; j++) {
        const a = r * width + 2 * j,
          t = r * pairs + j,
          o = r * next + j;
        nv[o] = BigInt.asUintN(64, vals[a]! + dv![t]!);
        if (withIndices) ni[o] = BigInt.asUintN(64, idx[a]! + dix![t]!);
      }
      if (width & 1) {
        nv[r * next + pairs] = vals[r * width + width - 1]!;
        if (withIndices) ni[r * next + pairs] = idx[r * width + width - 1]!;
      }
    }
    vals = nv;
    idx = ni;
    width = next;
  }
  return { values: vals.slice(), indices: idx };
}
