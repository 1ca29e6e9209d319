/**
 * Row products of a rows×cols matrix of arithmetic shares (row-major; the VM moves the reduced axis
 * last): pairs multiplied in a balanced tree, all pairs of a level in one batched multiplication, so
 * its depth is ceil(log2 cols) multiplications.
 */
import type { ProtocolContext } from "../context.js";
import { mulFixed, mulRaw } from "./mul.js";
import { checkRows, type Ring } from "./ring.js";

/**
 * Product of each row by a multiplication tree: ceil(log2 cols) levels, each one batched `mul`
 * (fixed point: the Beaver round and a truncation, costs.ts `mul`; integer: 1 round). Every level's
 * truncation adds its rounding error (≤ 1/2 ulp each, relative to the partial product; < 1 ulp with
 * the stochastic opt-in).
 */
export async function prodRows(ctx: ProtocolContext, x: Ring, rows: number, cols: number, fixed: boolean): Promise<Ring> {
  checkRows("prod", x, rows, cols);
  let cur = x,
    width = cols;
  while (width > 1) {
    const half = width >>> 1,
      next = (width + 1) >>> 1;
    const left = new BigUint64Array(rows * half),
      right = new BigUint64Array(rows * half);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < half; j++) {
        left[r * half + j] = cur[r * width + 2 * j]!;
        right[r * half + j] = cur[r * width + 2 * j + 1]!;
      }
    }
    const prod = fixed ? await mulFixed(ctx, left, right) : await mulRaw(ctx, left, right);
    const out = new BigUint64Array(rows * next);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < half; j++) out[r * next + j] = prod[r * half + j]!;
      if (width & 1) out[r * next + half] = cur[r * width + width - 1]!;
    }
    cur = out;
    width = next;
  }
  return cur;
}
