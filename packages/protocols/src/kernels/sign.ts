/**
 * abs, sign, max and min from one MSB and one bit injection; pow by a public integer. Semi-honest.
 * Domains as for comparisons: |x − y| < 2^63 (max/min), and products in mul's range (pow).
 */
import type { ProtocolContext } from "../context.js";
import { bitToArith } from "./b2a.js";
import { mulFixed } from "./mul.js";
import { bitMul } from "./mux.js";
import { msb } from "./msb.js";
import { reciprocal } from "./reciprocal.js";
import { add, mulScalar, neg, sub, type Ring } from "./ring.js";

/** |x| = x − 2·[x < 0]·x. msb + 2 rounds (bit injection). */
export async function abs(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const s = await msb(ctx, x);
  return add(x, await bitMul(ctx, s, mulScalar(x, BigInt.asUintN(64, -2n))));
}

/** sign(x) ∈ {−1, 0, 1} in fixed point: [x > 0] − [x < 0]. msb (of 2n) + 1 round (B2A). */
export async function sign(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const n = x.length;
  const both = new BigUint64Array(2 * n);
  both.set(x, 0);
  both.set(neg(x), n);
  const m = await msb(ctx, both);
  const a = await bitToArith(ctx, m, 2 * n);
  const one = 1n << BigInt(ctx.fracBits);
  const out = new BigUint64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt.asUintN(64, (a[n + i]! - a[i]!) * one);
  return out;
}

/** [x < y]·(y − x): max = x + d, min = y − d. */
async function gap(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  if (x.length !== y.length) throw new RangeError(`max/min: operands have ${x.length} and ${y.length} elements`);
  const d = sub(y, x);
  return bitMul(ctx, await msb(ctx, neg(d)), d);
}

/** Element-wise maximum. msb + 2 rounds. */
export async function maximum(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  return add(x, await gap(ctx, x, y));
}

/** Element-wise minimum. msb + 2 rounds. */
export async function minimum(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  return sub(y, await gap(ctx, x, y));
}

/**
 * x^k for a public integer k (k < 0: reciprocal of x^|k|), by square-and-multiply with the squaring
 * and the running product of one step in one batched multiplication: 2·⌊log2 |k|⌋ + 2 rounds at most.
 * Each product truncates (≤ 1 ulp relative to it); intermediate powers must stay in mul's range.
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
      const lhs = new BigUint64Array(2 * n), rhs = new BigUint64Array(2 * n);
      lhs.set(acc, 0);
      rhs.set(base, 0);
      lhs.set(base, n);
      rhs.set(base, n);
      const p = await mulFixed(ctx, lhs, rhs);
      acc = p.slice(0, n);
      base = p.slice(n);
    } else {
      if (bit) acc = base;
      base = await mulFixed(ctx, base, base);
    }
  }
}
