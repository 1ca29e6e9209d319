/**
 * sin and cos of fixed-point shares, any x in the fixed-point range. Semi-honest.
 *
 * Reduction modulo 2π on the shares, for free: with M = round(2^(64−f)/(2π)), the ring product
 * X·M mod 2^64 of x's encoding X = x·2^f is x/(2π) in units of 2^−64 turn, reduced modulo one
 * turn by the ring's own wrap; each party multiplies its share by the public M, so party i holds
 * v_i with v_0 + v_1 ≡ x/(2π)·2^64 (mod 2^64) and v_i alone is uniform. For cos, party 0 adds a
 * quarter turn (2^62).
 *
 * Then the angle-addition identity on the parties' own angles a_i = 2π·v_i/2^64 (each party knows
 * its own in the clear and nothing of the other's): sin(a_0 + a_1) = sin a_0·cos a_1 + cos a_0·sin a_1.
 * Party 0 holds (sin a_0, cos a_0), party 1 (cos a_1, sin a_1), each encoded with k = min(f + 8, 30)
 * fractional bits; the two cross products are one Beaver multiplication of 2n elements (a value
 * held by one party is shared as (value, 0)), their sum is truncated once by 2k − f bits.
 * No polynomial approximation and no comparison is needed (our construction: Beaver, CRYPTO 1991,
 * for the products; exact truncation as in truncate.ts).
 *
 * Error (exact truncation): the rounding to nearest (≤ 1/2 ulp), the factors' encodings (≤ 2^−k
 * each, 2^−8 ulp in all for f ≤ 22) and M's rounding, π·|x|·2^(f−64) radians (0.8 ulp at |x| = 2^30,
 * f = 16): within 0.52 ulp + π·|x|·2^(f−64). Stochastic truncation: below 1 ulp plus the same.
 * Range: the whole fixed-point range.
 * Cost: one Beaver round of 2n elements (32 bytes per element each way), then one truncation of
 * n elements by 2k − f bits (costs.ts `sincos`); 2n arithmetic triples.
 */
import type { ProtocolContext } from "../context.js";
import { mulRaw } from "./mul.js";
import type { Ring } from "./ring.js";
import { truncate } from "./truncate.js";

/** Fractional bits of the local sines and cosines: 8 more than the result's, and products below 2^61. */
export function sincosFactorBits(fracBits: number): number {
  return Math.min(fracBits + 8, 30);
}

/** The truncation after the products: from 2k to f fractional bits. */
export function sincosShift(fracBits: number): number {
  return 2 * sincosFactorBits(fracBits) - fracBits;
}

const QUARTER_TURN = 1n << 62n;
const TWO_POW_32 = 2 ** 32;

/** sin x (cos x when `cos`) of fixed-point shares x (doc above). */
export async function sincos(ctx: ProtocolContext, x: Ring, cos: boolean): Promise<Ring> {
  const n = x.length;
  const f = ctx.fracBits;
  const k = sincosFactorBits(f);
  const M = BigInt(Math.round(2 ** (64 - f) / (2 * Math.PI)));
  const unit = (2 * Math.PI) / 2 ** 64; // radians per ring unit of a turn
  const p0 = ctx.party === 0;
  // a: this party's factors; b: the zeros standing for the other party's (one Beaver call of 2n).
  const a = new BigUint64Array(2 * n);
  const b = new BigUint64Array(2 * n);
  const mine = p0 ? a : b;
  const scale = 2 ** k;
  const limb = new Uint32Array(2);
  const word = new BigUint64Array(limb.buffer);
  for (let i = 0; i < n; i++) {
    word[0] = BigInt.asUintN(64, x[i]! * M + (cos && p0 ? QUARTER_TURN : 0n));
    const angle = (limb[1]! * TWO_POW_32 + limb[0]!) * unit;
    const s = BigInt.asUintN(64, BigInt(Math.round(Math.sin(angle) * scale)));
    const c = BigInt.asUintN(64, BigInt(Math.round(Math.cos(angle) * scale)));
    // Party 0: (sin a0, cos a0) times party 1's (cos a1, sin a1).
    mine[i] = p0 ? s : c;
    mine[n + i] = p0 ? c : s;
  }
  const prod = await mulRaw(ctx, a, b);
  const sum = new BigUint64Array(n);
  for (let i = 0; i < n; i++) sum[i] = BigInt.asUintN(64, prod[i]! + prod[n + i]!);
  return truncate(ctx, sum, 2 * k - f);
}
