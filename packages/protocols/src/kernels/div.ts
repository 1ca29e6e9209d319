/**
 * Division of fixed-point shares, x / y, by the reciprocal's method (reciprocal.ts): normalise y,
 * Goldschmidt iterations for 1/yn, then scale back. Semi-honest; nothing about y's magnitude is
 * revealed.
 */
import type { ProtocolContext } from "../context.js";
import { mulRaw } from "./mul.js";
import { normalize } from "./normalize.js";
import { FI, goldschmidt, RECIP_L, scale } from "./reciprocal.js";
import type { Ring } from "./ring.js";
import { truncate } from "./truncate.js";

/**
 * x / y = x·(1/yn)·2^(−p−1). Valid for y in reciprocal's range, |x| < 2^(61−2f) and
 * |x/y| < 2^(62−L) = 2^25; relative error ≈ 2^−f, plus an absolute error of up to
 * ~2^−f·max(1, 1/|y|): x·(1/yn) is rounded to f bits before the scaling by 2^(f−p−1), so its
 * ±1/2 ulp grows by that factor for small divisors (32 ulp for |y| ≈ 0.01). Rounding once after the
 * scaling would remove it; left for a later change (it needs a new range analysis). Every
 * truncation rounds to nearest, exactly (truncate.ts), so the result is the same on every run.
 */
export async function div(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  if (x.length !== y.length) throw new RangeError(`div: operands have ${x.length} and ${y.length} elements`);
  const f = ctx.fracBits,
    n = x.length;
  const norm = await normalize(ctx, y, RECIP_L, FI);
  const z = await goldschmidt(ctx, norm.xn, norm.sign);
  // t = x·z at f bits, then x/y = t·2^(f−p−1) = trunc(t·c, L − f).
  const t = await truncate(ctx, await mulRaw(ctx, x, await truncate(ctx, z, FI - f)), f);
  return truncate(ctx, await mulRaw(ctx, t, scale(norm, n, RECIP_L)), RECIP_L - f);
}
