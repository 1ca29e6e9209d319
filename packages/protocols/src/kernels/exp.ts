/**
 * exp(x) on shares, by range reduction to 2^y = 2^k·2^r (the structure of SecretFlow SPU's and
 * MP-SPDZ's exp2, with a leak-free integer part). Semi-honest.
 *
 * 1. Clamp below: x ← max(x, −C), C = (f + 2)·ln 2 + 1, below which exp(x) < 2^−f rounds to 0
 *    (msb + select; 9 rounds). This keeps k within the 8-bit decomposition.
 * 2. y = x·log2(e); k = y/2^f rounded, r = y − k (one batched truncation; k is the nearest integer
 *    to y, so r ∈ [−1/2, 1/2] up to y's rounding; with the stochastic opt-in ⌊y⌋ or ⌊y⌋ + 1, r ∈ (−1, 1]).
 * 3. 8-bit A2B of k (4 rounds), one-hot of its low nibble l and of the high nibble h ∈ {−1, 0, …}
 *    (2 rounds), B2A of the indicator bits (1 round); 2^k = (Σ_l [l]·2^l)·(Σ_h [h]·2^(16h)) with
 *    one integer product (1 round). Values k < −16 match no indicator and give 0.
 * 4. 2^r by a degree-7 Chebyshev polynomial on [−1.05, 1.05] (rel. error 2^−25) at 24 fractional
 *    bits (7 rounds).
 * 5. exp = 2^r·2^k (2 rounds).
 *
 * Valid range: x ≤ X_MAX = (59 − 2f)·ln 2 (18.7 for f = 16); above it the result is wrong.
 * Every x below −C gives 0. Error: relative ≈ 2^−(f+1) plus ≤ 2 ulp absolute (see README).
 * Cost: 26 rounds with the millionaire msb and the stochastic truncation opt-in, 58 with the exact
 * default (costs.ts); per element ≈ 6 arithmetic triples, 2 square pairs, 109 AND triples, 29 daBits
 * and 33 random OTs (millionaire msb and multiplexer) with the stochastic truncation, plus the exact
 * truncations' leaf OTs and tree ANDs.
 */
import type { ProtocolContext } from "../context.js";
import { bitToArith } from "./bit2a.js";
import { concatWords } from "../values.js";
import { chebyshevFit } from "./fit.js";
import { msb } from "./msb.js";
import { mulRaw } from "./mul.js";
import { bitMul } from "./select.js";
import { polyEval, POLY_FRAC_BITS } from "./poly.js";
import { addScalar, mulScalar, type Ring } from "./ring.js";
import { a2b8, bytePlanes, decode4 } from "./smallbits.js";
import { truncate } from "./truncate.js";

const EXP2_FIT = chebyshevFit((r) => 2 ** r, -1.05, 1.05, 7);
/** Coefficients in r itself (the fit is centred at 0). */
const EXP2_COEFFS = EXP2_FIT.coeffs.map((c, k) => c / EXP2_FIT.half ** k);

export function expMax(f: number): number {
  return (59 - 2 * f) * Math.LN2;
}

/** C: exp(x) < 2^−f for x < −C. */
export function expFloor(f: number): number {
  return (f + 2) * Math.LN2 + 1;
}

export async function exp(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const f = ctx.fracBits;
  checkFrac(f);
  const n = x.length;
  const p0 = ctx.party === 0;
  // 1. Clamp below at −C.
  const negC = BigInt.asUintN(64, BigInt(Math.round(-expFloor(f) * 2 ** f)));
  const below = await msb(ctx, p0 ? addScalar(x, BigInt.asUintN(64, -negC)) : x.slice());
  const diff = mulScalar(x, BigInt.asUintN(64, -1n));
  if (p0) for (let i = 0; i < n; i++) diff[i] = BigInt.asUintN(64, diff[i]! + negC);
  return expAboveFloor(ctx, add(x, await bitMul(ctx, below, diff)));
}

function checkFrac(f: number): void {
  if (f > 22) throw new RangeError(`exp: needs fracBits ≤ 22, the context has ${f}`);
}

/** exp(x) for x ≥ −expFloor(f) (steps 2–5). */
export async function expAboveFloor(ctx: ProtocolContext, xc: Ring): Promise<Ring> {
  const f = ctx.fracBits;
  checkFrac(f);
  const n = xc.length;
  const fi = POLY_FRAC_BITS;
  const fp = f + 1; // 2^r precision
  const fb = f; // 2^k precision

  // 2. y = x·log2(e) at f bits and k = y / 2^f, from one raw product.
  const fl = 24;
  const raw = mulScalar(xc, BigInt(Math.round(Math.LOG2E * 2 ** fl)));
  const both = new BigUint64Array(2 * n);
  both.set(raw, 0);
  both.set(raw, n);
  const tr = await truncateEach(ctx, both, n, fl, fl + f);
  const y = tr.subarray(0, n),
    k = tr.subarray(n);
  const r = new BigUint64Array(n);
  const unit = 1n << BigInt(f);
  for (let i = 0; i < n; i++) r[i] = BigInt.asUintN(64, y[i]! - k[i]! * unit);

  // 3. 2^k from the one-hot of k's two nibbles.
  const kb = await a2b8(ctx, k);
  const planes = bytePlanes(kb, n);
  const hMax = Math.floor((59 - 2 * f) / 16);
  const hValues = [15]; // h = −1
  for (let h = 0; h <= hMax; h++) hValues.push(h);
  const [lo, hi] = await decode4(ctx, [
    { planes: planes.slice(0, 4), values: Array.from({ length: 16 }, (_, v) => v) },
    { planes: planes.slice(4, 8), values: hValues },
  ]);
  const W = (n + 31) >>> 5;
  const ind = await bitToArith(ctx, concatWords([...lo!, ...hi!]), 32 * W * (16 + hValues.length));
  const wl = new BigUint64Array(n),
    wh = new BigUint64Array(n);
  for (let v = 0; v < 16; v++) axpyStrided(wl, 1n << BigInt(v), ind, v * 32 * W);
  hValues.forEach((hv, j) => {
    const h = hv === 15 ? -1 : hv;
    axpyStrided(wh, 1n << BigInt(fb + 16 * h), ind, (16 + j) * 32 * W);
  });
  const twoK = await mulRaw(ctx, wl, wh); // 2^k at fb bits

  // 4. 2^r at fp bits; the fit's variable is r / half, folded into the coefficients.
  const rfi = mulScalar(r, 1n << BigInt(fi - f));
  const twoR = await polyEval(ctx, rfi, EXP2_COEFFS, fi, fp, EXP2_FIT.half);

  // 5. Product.
  return truncate(ctx, await mulRaw(ctx, twoR, twoK), fp + fb - f);
}

function add(a: Ring, b: Ring): Ring {
  const out = new BigUint64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = BigInt.asUintN(64, a[i]! + b[i]!);
  return out;
}

/** out[i] += s·ind[off + i]. */
function axpyStrided(out: Ring, s: bigint, ind: Ring, off: number): void {
  for (let i = 0; i < out.length; i++) out[i] = BigInt.asUintN(64, out[i]! + s * ind[off + i]!);
}

/** Truncates the first n elements by s1 and the next n by s2 in one truncation call. */
async function truncateEach(ctx: ProtocolContext, x: Ring, n: number, s1: number, s2: number): Promise<Ring> {
  // Bring both to a common shift: scale the first half up by 2^(s2 − s1) (local), truncate by s2.
  const scaled = x.slice();
  const up = 1n << BigInt(s2 - s1);
  for (let i = 0; i < n; i++) scaled[i] = BigInt.asUintN(64, scaled[i]! * up);
  return truncate(ctx, scaled, s2);
}
