/**
 * sqrt and rsqrt of positive shares (log shares the method: log.ts): leak-free normalisation (`normalize.ts`) to
 * xn = x/2^(p+1) ∈ [0.5, 1], a Chebyshev polynomial in t = 4·xn − 3 ∈ [−1, 1] (degree 8, relative
 * error ≤ 2^−24 for rsqrt), and a public function of p picked by the one-hot:
 *   rsqrt(x) = rsqrt(xn)·2^(−(p+1−f)/2),  sqrt(x) = xn·rsqrt(xn)·2^((p+1−f)/2),
 *   log(x) = log(xn) + (p+1−f)·ln 2.
 * (Catrina–Saxena normalisation; the polynomial-after-normalisation scheme of SecretFlow SPU.)
 * Semi-honest.
 *
 * Valid range: 2^−f ≤ x < 2^(61−f) (sqrt also at x = 0, which gives 0). Negative x or (for
 * rsqrt/log) 0 give garbage. Cost: normalise, polynomial, and one (sqrt: two) product with a
 * truncation (declared in costs.ts, measured by scripts/nonlinear-costs.ts).
 */
import type { ProtocolContext } from "../context.js";
import { chebyshevFit } from "./fit.js";
import { mulRaw } from "./mul.js";
import { normalize, weighted } from "./normalize.js";
import { polyEval, POLY_FRAC_BITS } from "./poly.js";
import type { Ring } from "./ring.js";
import { truncate } from "./truncate.js";

export const FI = POLY_FRAC_BITS;
export const L = 61;
const RSQRT_FIT = chebyshevFit((x) => 1 / Math.sqrt(x), 0.5, 1, 8);

/** t = 4·xn − 3 (local; xn at FI bits). */
export function toT(ctx: ProtocolContext, xn: Ring): Ring {
  const out = new BigUint64Array(xn.length);
  const three = ctx.party === 0 ? 3n << BigInt(FI) : 0n;
  for (let i = 0; i < xn.length; i++) out[i] = BigInt.asUintN(64, 4n * xn[i]! - three);
  return out;
}

export function weights(fn: (j: number) => number, bits: number): bigint[] {
  const w: bigint[] = [];
  for (let j = 0; j < L; j++) w.push(BigInt.asUintN(64, BigInt(Math.round(fn(j) * 2 ** bits))));
  return w;
}

export async function rsqrt(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const f = ctx.fracBits,
    n = x.length;
  const norm = await normalize(ctx, x, L, FI);
  const r = await polyEval(ctx, toT(ctx, norm.xn), RSQRT_FIT.coeffs, FI, FI);
  // Weights 2^(−(j+1−f)/2) at fw bits; the product stays below 2^(FI + 0.5 + (f−1)/2 + fw) < 2^61.
  const fw = Math.floor(60.5 - FI - (f - 1) / 2);
  const w = weighted(
    norm.onehot,
    n,
    weights((j) => 2 ** (-(j + 1 - f) / 2), fw),
  );
  return truncate(ctx, await mulRaw(ctx, r, w), FI + fw - f);
}

export async function sqrt(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const f = ctx.fracBits,
    n = x.length;
  const norm = await normalize(ctx, x, L, FI);
  const r = await polyEval(ctx, toT(ctx, norm.xn), RSQRT_FIT.coeffs, FI, FI);
  // sqrt(xn) = xn·rsqrt(xn) (0 when x = 0, whatever the polynomial gives there), at fs bits.
  const fs = f + 2;
  const s = await truncate(ctx, await mulRaw(ctx, norm.xn, r), 2 * FI - fs);
  // Weights 2^((j+1−f)/2) ≤ 2^((L−f)/2) at fw bits; product below 2^(fs + (L−f)/2 + fw) ≤ 2^61.
  const fw = Math.floor(61 - fs - (L - f) / 2);
  const w = weighted(
    norm.onehot,
    n,
    weights((j) => 2 ** ((j + 1 - f) / 2), fw),
  );
  return truncate(ctx, await mulRaw(ctx, s, w), fs + fw - f);
}
