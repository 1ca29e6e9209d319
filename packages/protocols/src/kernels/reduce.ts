/**
 * Row reductions of a rows×cols matrix of arithmetic shares (row-major; the VM moves the reduced
 * axis last). `sum` is local; `prod` multiplies pairs in a balanced tree, all pairs of a level in one
 * batched multiplication, so its depth is ceil(log2 cols) multiplications.
 */
import type { ProtocolContext } from "../context.js";
import { mulFixed, mulRaw } from "./mul.js";
import type { Ring } from "./ring.js";

export function checkRows(fn: string, x: Ring, rows: number, cols: number): void {
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 1 || rows * cols !== x.length) {
    throw new RangeError(`${fn}: ${x.length} elements do not form ${rows}×${cols} rows (cols ≥ 1)`);
  }
}

/** Sum of each row. Local: 0 rounds, 0 bytes. */
export function sumRows(x: Ring, rows: number, cols: number): Ring {
  checkRows("sum", x, rows, cols);
  const out = new BigUint64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = sumRange(x, r * cols, cols);
  return out;
}

function sumRange(x: Ring, start: number, len: number): bigint {
  let s = 0n;
  for (let j = 0; j < len; j++) s = BigInt.asUintN(64, s + x[start + j]!);
  return s;
}

/**
 * Product of each row by a multiplication tree: ceil(log2 cols) levels, each one batched `mul`
 * (fixed point: 2 rounds and ~16 bytes per pair each way; integer: 1 round). Every level's
 * truncation adds its error (≤ 1 ulp each, relative to the partial product).
 */
export async function prodRows(ctx: ProtocolContext, x: Ring, rows: number, cols: number, fixed: boolean): Promise<Ring> {
  checkRows("prod", x, rows, cols);
  let cur = x, width = cols;
  while (width > 1) {
    const half = width >>> 1, next = (width + 1) >>> 1;
    const left = new BigUint64Array(rows * half), right = new BigUint64Array(rows * half);
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
