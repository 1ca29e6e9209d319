/**
 * Natural logarithm of positive shares, by the method of sqrt.ts: leak-free normalisation to
 * xn = x/2^(p+1) ∈ [0.5, 1], a Chebyshev polynomial of degree 8 in t = 4·xn − 3 (fit error below
 * 2^−24, under the polynomial's 24-bit rounding; degree 9 would take a fourth level of powers), and
 * the public (p+1−f)·ln 2 picked by the one-hot: log(x) = log(xn) + (p+1−f)·ln 2. Semi-honest.
 *
 * Valid range: 2^−f ≤ x < 2^(61−f); 0 or negative x give garbage. Cost: normalise and polynomial
 * (declared in costs.ts, measured by scripts/nonlinear-costs.ts).
 */
import type { ProtocolContext } from "../context.js";
import { chebyshevFit } from "./fit.js";
import { normalize, weighted } from "./normalize.js";
import { polyEval } from "./poly.js";
import type { Ring } from "./ring.js";
import { FI, L, toT, weights } from "./sqrt.js";

const LOG_FIT = chebyshevFit(Math.log, 0.5, 1, 8);

export async function log(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const f = ctx.fracBits,
    n = x.length;
  const norm = await normalize(ctx, x, L, FI);
  const lg = await polyEval(ctx, toT(ctx, norm.xn), LOG_FIT.coeffs, FI, f);
  const w = weighted(
    norm.onehot,
    n,
    weights((j) => (j + 1 - f) * Math.LN2, f),
  );
  for (let i = 0; i < n; i++) lg[i] = BigInt.asUintN(64, lg[i]! + w[i]!);
  return lg;
}
