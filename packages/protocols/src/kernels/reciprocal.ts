/**
 * Reciprocal and division with leak-free normalisation (`normalize.ts`: nothing about the divisor's
 * magnitude is revealed) and Goldschmidt's iteration (Goldschmidt 1964; the MPC use follows
 * Catrina–Saxena, FC 2010, and SecretFlow SPU). Semi-honest.
 *
 * With |xn| ∈ [0.5, 1] from the normalisation (sign kept), y0 = ±2.9142 − 2·xn approximates 1/xn
 * with relative error e0 = 1 − xn·y0, |e0| ≤ 0.0858; then y ← y·(1 + e), e ← e² (a product and a
 * square in one round), 3 iterations: |e| ≤ 0.0858^8 ≈ 3·10^−9, below the 24-bit internal precision.
 * The result is rescaled by the public weight 2^(f−p−1) selected by the one-hot (local) and one
 * product.
 *
 * Valid range: 2^−f ≤ |x| < 2^(37−f) (2^21 for f = 16). x = 0 returns garbage (no error is raised:
 * that would reveal it). Cost: normalise, then e0, 3 iterations and the rescaling, each a product and
 * a truncation: 26 rounds with the stochastic truncation opt-in, 55 with the exact default and the
 * millionaires' protocol (costs.ts).
 */
import type { ProtocolContext } from "../context.js";
import { mulRaw } from "./mul.js";
import { normalize, weighted, type Normalized } from "./normalize.js";
import { POLY_FRAC_BITS } from "./poly.js";
import type { Ring } from "./ring.js";
import { mulSquareRaw } from "./square.js";
import { truncate } from "./truncate.js";

export const FI = POLY_FRAC_BITS;
/** Normalisation width: |y·c| ≤ 2^(FI + L) must stay below 2^62. */
export const RECIP_L = 61 - FI;
const ITERATIONS = 3;

/** 1/xn at FI bits for |xn| ∈ [0.5, 1] at FI bits, sign from the arithmetic sign bit. */
export async function goldschmidt(ctx: ProtocolContext, xn: Ring, sign: Ring | null): Promise<Ring> {
  const n = xn.length;
  const p0 = ctx.party === 0;
  const a = BigInt(Math.round(2.9142 * 2 ** FI));
  const one = 1n << BigInt(FI);
  let y = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    let v = BigInt.asUintN(64, -2n * xn[i]!);
    if (sign) v = BigInt.asUintN(64, v - 2n * a * sign[i]!);
    if (p0) v = BigInt.asUintN(64, v + a);
    y[i] = v;
  }
  const xy = await truncate(ctx, await mulRaw(ctx, xn, y), FI);
  let e = new BigUint64Array(n);
  for (let i = 0; i < n; i++) e[i] = BigInt.asUintN(64, (p0 ? one : 0n) - xy[i]!);
  for (let it = 0; it < ITERATIONS; it++) {
    const last = it === ITERATIONS - 1;
    const onePlusE = new BigUint64Array(n);
    for (let i = 0; i < n; i++) onePlusE[i] = BigInt.asUintN(64, e[i]! + (p0 ? one : 0n));
    // y·(1 + e) and (but in the last iteration) the square e², in one round.
    const prod = await truncate(ctx, await mulSquareRaw(ctx, y, onePlusE, last ? new BigUint64Array(0) : e), FI);
    y = prod.slice(0, n);
    if (!last) e = prod.slice(n);
  }
  return y;
}

/** c = 2^(L−1−p) from the one-hot. */
export function scale(norm: Normalized, n: number, L: number): Ring {
  const w: bigint[] = [];
  for (let j = 0; j < L; j++) w.push(1n << BigInt(L - 1 - j));
  return weighted(norm.onehot, n, w);
}

export async function reciprocal(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const f = ctx.fracBits,
    n = x.length;
  const norm = await normalize(ctx, x, RECIP_L, FI);
  const y = await goldschmidt(ctx, norm.xn, norm.sign);
  // 1/x = y·2^(f−p−1) = y·c·2^(f−L) → raw at f bits: trunc(y·c, L + FI − 2f).
  return truncate(ctx, await mulRaw(ctx, y, scale(norm, n, RECIP_L)), RECIP_L + FI - 2 * f);
}
