/**
 * Logistic sigmoid over the whole fixed-point line, and tanh. Semi-honest.
 *
 * σ(x) = 1/(1 + e^−|x|) for x ≥ 0 and 1 − that for x < 0, with |x| clamped at C = (f+2)·ln 2 + 1
 * (beyond it σ is within 2^−(f+1) of 0 or 1). e^−|x| ∈ (0, 1] comes from `exp` (no clamp needed),
 * and 1/(1 + e) with 1 + e ∈ (1, 2] from Goldschmidt on (1 + e)/2 ∈ (0.5, 1] without
 * normalisation. No cubic: the error is uniform over the line (README table).
 *
 * 1. msb of x, x − C and x + C in one batch: s = [x < 0], q = [|x| ≥ C].
 * 2. q ∧ s (1 round), B2A of q, s, q∧s (1 round), a = (1 − q)(1 − 2s)·x + q·C = min(|x|, C)
 *    (1 round).
 * 3. e = exp(−a), y = 1/((1 + e)/2) (Goldschmidt), σ+ = y/2.
 * 4. σ = σ+ + s·(1 − 2σ+) (a product and a truncation).
 * Cost: 37 rounds with the millionaire msb and the stochastic truncation opt-in, 93 with the exact
 * default (costs.ts). tanh(x) = 2σ(2x) − 1 (same cost; absolute error doubles).
 */
import type { ProtocolContext } from "../context.js";
import { bitToArith } from "./bit2a.js";
import { and } from "./boolean.js";
import { expAboveFloor, expFloor } from "./exp.js";
import { msb } from "./msb.js";
import { mulRaw } from "./mul.js";
import { POLY_FRAC_BITS } from "./poly.js";
import { goldschmidt } from "./reciprocal.js";
import type { Ring } from "./ring.js";
import { truncate } from "./truncate.js";

const FI = POLY_FRAC_BITS;

export async function sigmoid(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const f = ctx.fracBits,
    n = x.length;
  if (f > 22) throw new RangeError(`sigmoid: needs fracBits ≤ 22, the context has ${f}`);
  const p0 = ctx.party === 0;
  const C = BigInt(Math.round(expFloor(f) * 2 ** f));
  const three = new BigUint64Array(3 * n);
  three.set(x, 0);
  for (let i = 0; i < n; i++) {
    three[n + i] = BigInt.asUintN(64, x[i]! - (p0 ? C : 0n));
    three[2 * n + i] = BigInt.asUintN(64, x[i]! + (p0 ? C : 0n));
  }
  const m = await msb(ctx, three);
  const W = (n + 31) >>> 5;
  // Bits of element i of the three blocks, regrouped into words per block.
  const s = extract(m, 0, n),
    u = extract(m, n, n),
    v = extract(m, 2 * n, n);
  const q = new Uint32Array(W);
  for (let i = 0; i < W; i++) q[i] = (p0 ? ~u[i]! : u[i]!) ^ v[i]!;
  const qs = await and(ctx, q, s);
  const packed = new Uint32Array(3 * W);
  packed.set(q, 0);
  packed.set(s, W);
  packed.set(qs, 2 * W);
  const ar = await bitToArith(ctx, packed, 96 * W);
  const qa = ar.subarray(0, n),
    sa = ar.subarray(32 * W, 32 * W + n),
    qsa = ar.subarray(64 * W, 64 * W + n);
  const factor = new BigUint64Array(n);
  for (let i = 0; i < n; i++) factor[i] = BigInt.asUintN(64, (p0 ? 1n : 0n) - qa[i]! - 2n * sa[i]! + 2n * qsa[i]!);
  const a = await mulRaw(ctx, factor, x);
  for (let i = 0; i < n; i++) a[i] = BigInt.asUintN(64, -(a[i]! + C * qa[i]!)); // −min(|x|, C)
  const e = await expAboveFloor(ctx, a);
  // dn = (1 + e)/2 at FI bits.
  const dn = new BigUint64Array(n);
  const up = 1n << BigInt(FI - f - 1);
  const half = 1n << BigInt(FI - 1);
  for (let i = 0; i < n; i++) dn[i] = BigInt.asUintN(64, e[i]! * up + (p0 ? half : 0n));
  const y = await goldschmidt(ctx, dn, null); // 2/(1 + e) at FI bits
  // σ+ = y/2; σ = σ+ + s·(1 − 2σ+) = y/2 + s·(1 − y).
  const oneMinusY = new BigUint64Array(n);
  const one = 1n << BigInt(FI);
  for (let i = 0; i < n; i++) oneMinusY[i] = BigInt.asUintN(64, (p0 ? one : 0n) - y[i]!);
  const corr = await mulRaw(ctx, sa.slice(), oneMinusY);
  const out = new BigUint64Array(n);
  for (let i = 0; i < n; i++) out[i] = BigInt.asUintN(64, 2n * corr[i]! + y[i]!);
  return truncate(ctx, out, FI + 1 - f);
}

/** Bits [off, off + n) of a packed array, as a packed array of their own. */
function extract(m: Uint32Array, off: number, n: number): Uint32Array {
  const out = new Uint32Array((n + 31) >>> 5);
  for (let i = 0; i < n; i++) {
    const j = off + i;
    out[i >>> 5]! |= ((m[j >>> 5]! >>> (j & 31)) & 1) << (i & 31);
  }
  return out;
}
