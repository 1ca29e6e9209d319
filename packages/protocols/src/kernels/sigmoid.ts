/**
 * Logistic sigmoid over the whole fixed-point line, and tanh. Semi-honest.
 *
 * σ(x) = 1/(1 + e^−|x|) for x ≥ 0 and 1 − that for x < 0, with |x| clamped at C = (f+2)·ln 2 + 1
 * (beyond it σ is within 2^−(f+1) of 0 or 1). e^−|x| ∈ (0, 1] comes from `exp`'s steps 3–5, and
 * 1/(1 + e) with 1 + e ∈ (1, 2] from Goldschmidt on (1 + e)/2 ∈ (0.5, 1] without normalisation.
 * No cubic: the error is uniform over the line (README table).
 *
 * 1. exp's range reduction of x itself (y = x·log2 e and k = round(y), one truncation) with the msb
 *    of x, x − C and x + C in the same carry batch (truncate.ts `truncateWithMsb`): s = [x < 0],
 *    u = [x < C], v = [x < −C], a thermometer code.
 * 2. The region indicators are linear in s, u, v, so −min(|x|, C)·log2 e is β·y + q·y_C with
 *    β = 2s − u − v ∈ {0, ±1}, q = 1 − u + v and y_C public, and likewise for k; exact (β flips y
 *    and k together, so r = y − k stays in [−1/2, 1/2]). One round: the B2A of s, u, v by daBits
 *    r (open b ⊕ r) rides on the Beaver products [r]·y, [r]·k, which need no opened bit.
 * 3. e = exp(−min(|x|, C)) from (k, y) (exp.ts steps 3–5), and riding on its rounds the initial
 *    approximation y0 of 2/(1 + e): per k a minimax line in e (`y0Pieces`), |e0| ≤ 0.007 instead
 *    of 0.0858, so Goldschmidt needs 2 iterations instead of 3.
 * 4. Goldschmidt on (1 + e)/2 from that y0 with the sign folded in (its first round also gives
 *    s·y0, so y0 ← (1 − 2s)·y0 and the result is (1 − 2s)·2/(1 + e)), rounded once, straight to
 *    f − 1 fractional bits: read at f bits it is (1 − 2s)/(1 + e), and σ = s + (1 − 2s)/(1 + e).
 * Cost: declared in costs.ts (figures from scripts/nonlinear-costs.ts). tanh(x) = 2σ(2x) − 1 (same
 * cost; absolute error doubles).
 */
import type { ProtocolContext } from "../context.js";
import { openedToArith } from "./bit2a.js";
import { daBits } from "./correlated.js";
import { checkExpFrac, expFloor, expOfPartsWith, type NibbleWeights, reducePublic, reduceRaw, reduceShift } from "./exp.js";
import { mulRaw } from "./mul.js";
import { goldschmidt } from "./reciprocal.js";
import type { Ring } from "./ring.js";
import { truncateWithMsb } from "./truncate.js";

/**
 * Goldschmidt's precision here: its last product rounds straight to f − 1 bits, a shift of
 * 2·GB − f + 1 ≤ 32 for f = 16 (8 leaves of the millionaires' tree, one level fewer than 33).
 */
const GB = 23;

export async function sigmoid(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const f = ctx.fracBits,
    n = x.length;
  checkExpFrac("sigmoid", f);
  const p0 = ctx.party === 0;
  const C = BigInt(Math.round(expFloor(f) * 2 ** f));
  const three = new BigUint64Array(3 * n);
  three.set(x, 0);
  for (let i = 0; i < n; i++) {
    three[n + i] = BigInt.asUintN(64, x[i]! - (p0 ? C : 0n));
    three[2 * n + i] = BigInt.asUintN(64, x[i]! + (p0 ? C : 0n));
  }
  // s = [x < 0], u = [x < C], v = [x < −C]: a thermometer code (v ≤ s ≤ u), so the indicators of
  // the four regions (1 − u, u − s, s − v, v) are linear in the bits and no AND is needed. The msbs
  // share their carry with the truncation of exp's range reduction of x itself (not of −|x|).
  const { t, msb: m } = await truncateWithMsb(ctx, reduceRaw(f, x), reduceShift(f), three);
  const W = (n + 31) >>> 5;
  const packed = new Uint32Array(3 * W);
  packed.set(extract(m, 0, n), 0);
  packed.set(extract(m, n, n), W);
  packed.set(extract(m, 2 * n, n), 2 * W);
  // B2A of s, u, v with daBits r: [b] = e + (1 − 2e)·[r] for the opened e = b ⊕ r, so
  // [b]·z = e·z + (1 − 2e)·[r·z]. The products [r]·y and [r]·k do not wait for e: they and the
  // opening share one round (the opening rides on the Beaver round, context.ts OpenRider).
  const db = await daBits(ctx, 96 * W);
  const open = new Uint32Array(3 * W);
  for (let i = 0; i < 3 * W; i++) open[i] = packed[i]! ^ db.bits[i]!;
  let ar: Ring | null = null;
  ctx.openRider = {
    words: open.slice(),
    done: (theirs) => {
      for (let i = 0; i < 3 * W; i++) open[i]! ^= theirs[i]!;
      ar = openedToArith(p0, open, db.arith, 96 * W);
    },
  };
  const rs = new BigUint64Array(6 * n),
    zs = new BigUint64Array(6 * n);
  for (let b = 0; b < 3; b++) {
    const r = db.arith.subarray(32 * W * b, 32 * W * b + n);
    rs.set(r, 2 * b * n);
    rs.set(r, (2 * b + 1) * n);
    zs.set(t.subarray(0, n), 2 * b * n);
    zs.set(t.subarray(n, 2 * n), (2 * b + 1) * n);
  }
  const rz = await mulRaw(ctx, rs, zs);
  const bits = ar as Ring | null;
  if (!bits) throw new Error("sigmoid: the B2A did not ride on the Beaver round");
  const sa = bits.slice(0, n),
    ua = bits.subarray(32 * W, 32 * W + n),
    va = bits.subarray(64 * W, 64 * W + n);
  // −min(|x|, C) = β·x + q·(−C) with β = 2s − u − v (0, −1, 1, 0 by region), q = 1 − u + v: the
  // same for x·log2(e) and its rounding k (β = ±1 flips both exactly), with step 2's values of −C
  // where q = 1 (β = 0 there, so y and k of a huge |x|, wrapped, do not matter).
  const yk = new BigUint64Array(2 * n);
  const coef = [2n, -1n, -1n];
  for (let b = 0; b < 3; b++) {
    for (let i = 0; i < n; i++) {
      const e = BigInt((open[b * W + (i >>> 5)]! >>> (i & 31)) & 1);
      for (let h = 0; h < 2; h++) {
        const z = t[h * n + i]!;
        const prod = e * z + (1n - 2n * e) * rz[(2 * b + h) * n + i]!; // [bit·z]
        yk[h * n + i] = BigInt.asUintN(64, yk[h * n + i]! + coef[b]! * prod);
      }
    }
  }
  const clamp = reducePublic(f, -C);
  for (let i = 0; i < n; i++) {
    const q = BigInt.asUintN(64, ua[i]! - va[i]! - (p0 ? 1n : 0n)); // −q
    yk[i] = BigInt.asUintN(64, yk[i]! - q * clamp.y);
    yk[n + i] = BigInt.asUintN(64, yk[n + i]! - q * clamp.k);
  }
  // e and, riding on exp's rounds, the pieces of Goldschmidt's initial y0: per k ∈ [−16, 0] the
  // minimax line for 1/dn on dn's interval there, as a constant and a multiple of e (Y0_PIECES).
  const { e, extras } = await expOfPartsWith(ctx, yk.subarray(n), yk.subarray(0, n), null, y0Pieces(f));
  // dn = (1 + e)/2 at GB bits.
  const dn = new BigUint64Array(n);
  const up = 1n << BigInt(GB - f - 1);
  const half = 1n << BigInt(GB - 1);
  for (let i = 0; i < n; i++) dn[i] = BigInt.asUintN(64, e[i]! * up + (p0 ? half : 0n));
  // (1 − 2s)·2/(1 + e) at f − 1 bits, read at f bits: (1 − 2s)/(1 + e). σ = s + that.
  const y0 = new BigUint64Array(n);
  const two = p0 ? 2n << BigInt(f) : 0n;
  for (let i = 0; i < n; i++) y0[i] = BigInt.asUintN(64, two + extras[0]![i]! + extras[1]![i]! + extras[2]![i]! + extras[3]![i]!);
  const { z } = await goldschmidt(ctx, dn, null, { bits: GB, out: f - 1, flip: sa, y0: { value: y0, bits: f }, iterations: 2 });
  const unit = BigInt(f);
  for (let i = 0; i < n; i++) z[i] = BigInt.asUintN(64, z[i]! + (sa[i]! << unit));
  return z;
}

/**
 * y0 = c1 − c2·dn, the line minimising max |1 − dn·y0| on dn ∈ [a, b] (c2 = 8/(4ab + (a + b)²),
 * c1 = c2·(a + b), error 1 − c2·ab), for dn = (1 + e)/2 and e = 2^k·2^r, r ∈ ±0.52: |e0| ≤ 0.007
 * for every k (0.0858 for the one line over (0.5, 1]), so two iterations reach 2^−28. Written as
 * y0 = 2 + (c1 − c2/2 − 2) − (c2/2)·e: constants and slopes as nibble functions of k for h = −1
 * (k = l − 16) and h = 0 (k = 0 only, as k ≤ 0 here); below k = −16 nothing matches and y0 = 2
 * (e < 2^−16.5 there).
 */
function y0Pieces(f: number): NibbleWeights[] {
  const line = (k: number): { c: number; s: number } => {
    const a = (1 + 2 ** (k - 0.52)) / 2,
      b = (1 + Math.min(1, 2 ** (k + 0.52))) / 2;
    const c2 = 8 / (4 * a * b + (a + b) ** 2);
    return { c: c2 * (a + b) - c2 / 2 - 2, s: -c2 / 2 };
  };
  const one = (v: number): bigint => BigInt(Math.round(v));
  const onlyH =
    (h0: number) =>
    (h: number): bigint =>
      h === h0 ? 1n : 0n;
  return [
    // constants at f bits
    { lo: (l) => one(line(l - 16).c * 2 ** f), hi: onlyH(-1), scaled: false },
    { lo: (l) => (l === 0 ? one(line(0).c * 2 ** f) : 0n), hi: onlyH(0), scaled: false },
    // slope·e: the factor in the place of 2^k's integer 2^(k + f)
    { lo: (l) => one(line(l - 16).s * 2 ** (l - 16 + f)), hi: onlyH(-1), scaled: true },
    { lo: (l) => (l === 0 ? one(line(0).s * 2 ** f) : 0n), hi: onlyH(0), scaled: true },
  ];
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
