/**
 * Division of fixed-point shares, x / y, by the reciprocal's method (reciprocal.ts): normalise y
 * (yn = y / 2^(p+1) ∈ ±[0.5, 1], c = 2^(L−1−p)), Goldschmidt's iteration for z = 1/yn at GI = 30
 * fractional bits, then one product with the numerator and ONE final rounding. Semi-honest; nothing
 * about y's magnitude is revealed.
 *
 * With raw integers X = x·2^f, Y = y·2^f, the exact quotient is Q = X·2^f / Y = V·z·2^(f−L−GI) where
 * V = X·c (exact: |V| = |Q|·|yn|·2^(L−f) < 2^62 for |x/y| < 2^(62−L)). V·z has about 92 bits, more
 * than the ring holds, so V is split exactly: V = Vh·2^GI + Vl with Vh = round(V / 2^GI) (computed
 * with Goldschmidt's first truncation, the same rounds) and Vl = V − Vh·2^GI ∈ [−2^(GI−1), 2^(GI−1)]
 * (local). Then, with W = Q·2^(L−f):
 *   W = Vh·z + Vl·z / 2^GI,   |Vh·z| ≈ |Q|·2^(L−f) < 2^62,   |Vl·z| < 2^(2GI) = 2^60,
 * so W is computed with both products in one round and the small term rounded (error ≤ ½ in W, i.e.
 * 2^−(L−f+1) ulp), and Q = round(W / 2^(L−f)) is the one rounding to f bits.
 *
 * Error against the exact quotient of the fixed-point inputs: ½ ulp from the final rounding, plus
 * 2^−22 ulp, plus the relative error of z (below 6·10^−9): within 1 ulp for |Q| < 2^24 ulp and within
 * 10^−8 relative above (the target, max(4 ulp, 10^−7 relative), with room). Every truncation rounds
 * to nearest, exactly (truncate.ts), so the result is the same on every run.
 *
 * Valid for 2^−f ≤ |y| < 2^(L−f) = 2^21 (the reciprocal's range) and |x/y| < 2^(62−L) = 2^25, for f
 * ≤ 36; any x whose quotient is in range (no separate bound on x).
 */
import type { ProtocolContext } from "../context.js";
import { mulRaw } from "./mul.js";
import { normalize } from "./normalize.js";
import { GI, goldschmidt, RECIP_L, scale } from "./reciprocal.js";
import type { Ring } from "./ring.js";
import { truncate } from "./truncate.js";

export async function div(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  if (x.length !== y.length) throw new RangeError(`div: operands have ${x.length} and ${y.length} elements`);
  const f = ctx.fracBits,
    n = x.length;
  if (f >= RECIP_L) throw new RangeError(`div: ${f} fractional bits leave no room (at most ${RECIP_L - 1})`);
  const norm = await normalize(ctx, y, RECIP_L, GI);
  // V = X·c and Vh = round(V / 2^GI) ride along with Goldschmidt's first product and truncation.
  const g = await goldschmidt(ctx, norm.xn, norm.sign, { bits: GI, side: { x, y: scale(norm, n, RECIP_L) } });
  const z = g.z,
    V = g.sideRaw!,
    Vh = g.side!;
  const Vl = new BigUint64Array(n);
  const G = BigInt(GI);
  for (let i = 0; i < n; i++) Vl[i] = BigInt.asUintN(64, V[i]! - (Vh[i]! << G));
  const zz = new BigUint64Array(2 * n);
  zz.set(z);
  zz.set(z, n);
  const VV = new BigUint64Array(2 * n);
  VV.set(Vh);
  VV.set(Vl, n);
  const prod = await mulRaw(ctx, VV, zz);
  const lo = await truncate(ctx, prod.slice(n), GI);
  const W = new BigUint64Array(n);
  for (let i = 0; i < n; i++) W[i] = BigInt.asUintN(64, prod[i]! + lo[i]!);
  return truncate(ctx, W, RECIP_L - f);
}
