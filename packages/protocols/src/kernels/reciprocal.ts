/**
 * Reciprocal and division with leak-free normalisation (`normalize.ts`: nothing about the divisor's
 * magnitude is revealed) and Goldschmidt's iteration (Goldschmidt 1964; the MPC use follows
 * Catrina–Saxena, FC 2010, and SecretFlow SPU). Semi-honest.
 *
 * With |xn| ∈ [0.5, 1] from the normalisation (sign kept), y0 = ±2.9142 − 2·xn approximates 1/xn
 * with relative error e0 = 1 − xn·y0, |e0| ≤ 0.0858; then y ← y·(1 + e), e ← e² (a product and a
 * square in one round), 3 iterations: |e| ≤ 0.0858^8 ≈ 2.9·10^−9. The reciprocal and the division
 * run the iteration with GI = 30 fractional bits inside (every product stays below 2^61.2), so the
 * normalised 1/xn comes out with a relative error below 6·10^−9 (the iteration's 2.9·10^−9 and about
 * six roundings of 2^−31); the last iteration rounds straight to the output precision.
 *
 * reciprocal: 1/x = (1/xn)·2^(f−p−1) = z·c·2^(f−L) with c = 2^(L−1−p) selected by the one-hot
 * (local), so the result is trunc(z·c, L + FO − 2f) with z at FO = 24 bits: one product and ONE
 * rounding after the normalised value, |z·c| < 2^(FO+L) = 2^61. Error: ½ ulp from the final rounding
 * and a relative 2^−25 (z rounded to 24 bits) + 6·10^−9 < 4·10^−8, i.e. within max(2 ulp, 10^−7
 * relative) of 2^(2f)/X. The result is the same on every run (every truncation rounds to nearest,
 * exactly: truncate.ts).
 *
 * Valid range: 2^−f ≤ |x| < 2^(L−f) (2^21 for f = 16). x = 0 returns garbage (no error is raised:
 * that would reveal it). Cost: declared in costs.ts (figures from scripts/nonlinear-costs.ts): normalise, then e0,
 * 3 iterations and the rescaling, each a product and a truncation.
 */
import type { ProtocolContext } from "../context.js";
import { mulRaw } from "./mul.js";
import { normalize, weighted, type Normalized } from "./normalize.js";
import { POLY_FRAC_BITS } from "./poly.js";
import type { Ring } from "./ring.js";
import { mulSquareRaw } from "./square.js";
import { truncate } from "./truncate.js";

/** Precision of the normalised divisor and of the polynomial-style callers of `goldschmidt` (sigmoid). */
export const FI = POLY_FRAC_BITS;
/** Goldschmidt's internal precision for the reciprocal and the division: |y·(1 + e)| < 2^(2GI+1.2) < 2^62. */
export const GI = 30;
/** Normalisation width: |x| < 2^L raw (2^(L−f) in value); |z·c| < 2^(FI + L) must stay below 2^62. */
export const RECIP_L = 61 - FI;
const ITERATIONS = 3;

export interface GoldschmidtOptions {
  /** Fractional bits of xn and of the iteration (default FI). */
  readonly bits?: number;
  /** Fractional bits of the result (default `bits`): the last product is rounded once, straight to them. */
  readonly out?: number;
  /**
   * A product x·y computed and truncated by `bits` alongside the first step (same rounds): returned
   * raw (`sideRaw`) and rounded (`side`), for the division's split of its numerator.
   */
  readonly side?: { readonly x: Ring; readonly y: Ring };
  /**
   * An arithmetic bit s: the result is (1 − 2s)/xn. The exact product s·y0 rides in the first
   * product's round (y0 ← y0 − 2·s·y0; then every y is signed, xn·y and e are not).
   */
  readonly flip?: Ring;
  /**
   * The initial approximation of 1/xn (instead of 2.9142 − 2·xn, |e0| ≤ 0.0858) at `bits`
   * fractional bits (at most the iteration's; not with `side` or `sign`).
   */
  readonly y0?: { readonly value: Ring; readonly bits: number };
  /** Iterations after e0 (default 3): the result's relative error is about |e0|^(2^iterations). */
  readonly iterations?: number;
}

export interface GoldschmidtResult {
  /** 1/xn at `out` fractional bits. */
  readonly z: Ring;
  readonly sideRaw?: Ring;
  readonly side?: Ring;
}

/** 1/xn for |xn| ∈ [0.5, 1] at `bits` fractional bits, sign from the arithmetic sign bit. */
export async function goldschmidt(ctx: ProtocolContext, xn: Ring, sign: Ring | null): Promise<Ring>;
export async function goldschmidt(ctx: ProtocolContext, xn: Ring, sign: Ring | null, opts: GoldschmidtOptions): Promise<GoldschmidtResult>;
export async function goldschmidt(
  ctx: ProtocolContext,
  xn: Ring,
  sign: Ring | null,
  opts?: GoldschmidtOptions,
): Promise<Ring | GoldschmidtResult> {
  const n = xn.length;
  const p0 = ctx.party === 0;
  const bits = opts?.bits ?? FI;
  const out = opts?.out ?? bits;
  if (out < 1 || out > bits) throw new RangeError(`goldschmidt: output bits ${out} must be in [1, ${bits}]`);
  const a = BigInt(Math.round(2.9142 * 2 ** bits));
  const one = 1n << BigInt(bits);
  let y = new BigUint64Array(n);
  const given = opts?.y0;
  let ybits = given ? given.bits : bits;
  if (given) {
    if (opts?.side || sign || ybits > bits || ybits < 1)
      throw new RangeError("goldschmidt: y0 takes 1..bits fractional bits, without side or sign");
    y.set(given.value);
  } else {
    for (let i = 0; i < n; i++) {
      let v = BigInt.asUintN(64, -2n * xn[i]!);
      if (sign) v = BigInt.asUintN(64, v - 2n * a * sign[i]!);
      if (p0) v = BigInt.asUintN(64, v + a);
      y[i] = v;
    }
  }
  const iterations = opts?.iterations ?? ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError(`goldschmidt: iterations must be a positive integer, got ${iterations}`);
  const side = opts?.side;
  const flip = opts?.flip;
  let xy: Ring;
  let sideRaw: Ring | undefined, sideTrunc: Ring | undefined;
  if (side || flip) {
    const m = side ? side.x.length : 0;
    const f = flip ? n : 0;
    const lhs = new BigUint64Array(n + m + f),
      rhs = new BigUint64Array(n + m + f);
    lhs.set(xn);
    rhs.set(y);
    if (side) {
      lhs.set(side.x, n);
      rhs.set(side.y, n);
    }
    if (flip) {
      lhs.set(flip, n + m);
      rhs.set(y, n + m);
    }
    const raw = await mulRaw(ctx, lhs, rhs);
    const t = await truncate(ctx, raw.subarray(0, n + m), ybits);
    xy = t.slice(0, n);
    if (side) {
      sideRaw = raw.slice(n, n + m);
      sideTrunc = t.slice(n);
    }
    if (flip) for (let i = 0; i < n; i++) y[i] = BigInt.asUintN(64, y[i]! - 2n * raw[n + m + i]!);
  } else {
    xy = await truncate(ctx, await mulRaw(ctx, xn, y), ybits);
  }
  let e = new BigUint64Array(n);
  for (let i = 0; i < n; i++) e[i] = BigInt.asUintN(64, (p0 ? one : 0n) - xy[i]!);
  for (let it = 0; it < iterations; it++) {
    const last = it === iterations - 1;
    const onePlusE = new BigUint64Array(n);
    for (let i = 0; i < n; i++) onePlusE[i] = BigInt.asUintN(64, e[i]! + (p0 ? one : 0n));
    // y·(1 + e) and (but in the last iteration) the square e², in one round; the last rounds straight to `out` bits.
    const raw = await mulSquareRaw(ctx, y, onePlusE, last ? new BigUint64Array(0) : e);
    // y at ybits (y0's until the first product): y·(1 + e) is brought to e²'s scale (local).
    if (!last && ybits < bits) {
      const up = 1n << BigInt(bits - ybits);
      for (let i = 0; i < n; i++) raw[i] = BigInt.asUintN(64, raw[i]! * up);
    }
    const prod = await truncate(ctx, raw, last ? ybits + bits - out : bits);
    ybits = bits;
    y = prod.slice(0, n);
    if (!last) e = prod.slice(n);
  }
  if (!opts) return y;
  return sideRaw && sideTrunc ? { z: y, sideRaw, side: sideTrunc } : { z: y };
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
  if (2 * f >= RECIP_L + FI) throw new RangeError(`reciprocal: ${f} fractional bits leave no room (at most ${(RECIP_L + FI - 1) >> 1})`);
  const norm = await normalize(ctx, x, RECIP_L, GI);
  const { z } = await goldschmidt(ctx, norm.xn, norm.sign, { bits: GI, out: FI });
  // 1/x = z·2^(f−p−1) = z·c·2^(f−L) → raw at f bits: round(z·c / 2^(L + FI − 2f)), the one rounding.
  return truncate(ctx, await mulRaw(ctx, z, scale(norm, n, RECIP_L)), RECIP_L + FI - 2 * f);
}
