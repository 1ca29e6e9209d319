/** Fixed-point shares to a public integer power. Semi-honest. */
import type { ProtocolContext } from "../context.js";
import { mulFixed } from "./mul.js";
import { reciprocal } from "./reciprocal.js";
import type { Ring } from "./ring.js";
import { mulSquareRaw, squareFixed } from "./square.js";
import { truncate } from "./truncate.js";

/**
 * x^k for a public integer k (k < 0: reciprocal of x^|k|), by square-and-multiply with the squaring
 * (a square pair) and the running product of one step in one round: ⌊log2 |k|⌋ + 1 fixed-point
 * products or squares in sequence at most (costs.ts `pow`). Each product rounds (≤ 1/2 ulp relative
 * to it; < 1 ulp with the stochastic opt-in); intermediate powers must stay in mul's range.
 */
export async function pow(ctx: ProtocolContext, x: Ring, k: number): Promise<Ring> {
  if (!Number.isSafeInteger(k)) throw new RangeError(`pow: exponent must be a safe integer, got ${k}`);
  const n = x.length;
  if (k === 0) return new BigUint64Array(n).fill(ctx.party === 0 ? 1n << BigInt(ctx.fracBits) : 0n);
  if (k < 0) return reciprocal(ctx, await pow(ctx, x, -k));
  let acc: Ring | null = null;
  let base = x;
  let e = k;
  while (true) {
    const bit = e & 1;
    e = Math.floor(e / 2);
    if (e === 0) return bit ? (acc ? await mulFixed(ctx, acc, base) : base) : acc!;
    if (bit && acc) {
      // acc·base and base² together.
      const p = await truncate(ctx, await mulSquareRaw(ctx, acc, base, base), ctx.fracBits);
      acc = p.slice(0, n);
      base = p.slice(n);
    } else {
      if (bit) acc = base;
      base = await squareFixed(ctx, base);
    }
  }
}
