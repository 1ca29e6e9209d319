/**
 * Public polynomials of a shared fixed-point value: the powers t^2..t^d in ceil(log2 d) batched
 * multiplications (level ℓ computes t^(2^(ℓ−1)+1)..t^(2^ℓ) from the previous ones), then the public
 * linear combination Σ c_k t^k as one raw sum and a single truncation. Internal precision `fi`
 * fractional bits (|t| ≤ 1.5 keeps every power product below 2^62). Semi-honest (built from `mul`
 * and `truncate`).
 *
 * Cost: ceil(log2 d) levels of a product and a truncation, then one truncation: (1 + T)·ceil(log2 d)
 * + T rounds, T the truncation's rounds (costs.ts `trunc`: 1 with the stochastic opt-in, 6 for the
 * 24-bit shifts here with the exact default and the millionaires' protocol); Σ_levels (16 bytes +
 * trunc) per new power per element, 8 bytes for the powers t^(2^ℓ) (squares, floor(log2 d) of them).
 * A `Rider` adds independent raw products to the levels' Beaver rounds (16 bytes each, no rounds).
 * @internal
 */
import type { ProtocolContext } from "../context.js";
import { shl, type Ring } from "./ring.js";
import { mulSquareRaw } from "./square.js";
import { truncate } from "./truncate.js";

/** Internal precision of polynomial evaluation. */
export const POLY_FRAC_BITS = 24;

/** Re-scales a fixed-point share from `from` to `to` fractional bits (left shift is local; right shift truncates). */
export async function rescale(ctx: ProtocolContext, x: Ring, from: number, to: number): Promise<Ring> {
  if (to === from) return x;
  if (to > from) return shl(x, to - from);
  return truncate(ctx, x, from - to);
}

/**
 * Independent raw products that ride along with the power levels' Beaver rounds (no round of their
 * own): `give(level)` names the pairs to multiply in level `level` (0-based), `take` receives their
 * raw (untruncated) products before the next level's `give`.
 */
export interface Rider {
  give(level: number): Promise<readonly [Ring, Ring] | null> | readonly [Ring, Ring] | null;
  take(level: number, raw: Ring): void;
}

/** Powers t^1..t^d (index k − 1), each with `fi` fractional bits. */
export async function powers(ctx: ProtocolContext, t: Ring, d: number, fi: number, rider?: Rider): Promise<Ring[]> {
  const n = t.length;
  const pw: Ring[] = [t];
  for (let level = 0; pw.length < d; level++) {
    const have = pw.length;
    const top = pw[have - 1]!;
    const count = Math.min(have, d - have);
    // t^(have + j) = t^have · t^j for j = 1..count, all in one batch; the last is the square
    // t^have · t^have (a square pair) when count = have, and comes last in mulSquareRaw's output too.
    const products = count === have ? count - 1 : count;
    const side = rider ? await rider.give(level) : null;
    const m = side ? side[0].length : 0;
    const lhs = new BigUint64Array(products * n + m),
      rhs = new BigUint64Array(products * n + m);
    for (let j = 0; j < products; j++) {
      lhs.set(top, j * n);
      rhs.set(pw[j]!, j * n);
    }
    if (side) {
      lhs.set(side[0], products * n);
      rhs.set(side[1], products * n);
    }
    const raw = await mulSquareRaw(ctx, lhs, rhs, count === have ? top : new BigUint64Array(0));
    let own = raw;
    if (side) {
      rider!.take(level, raw.slice(products * n, products * n + m));
      own = new BigUint64Array(count * n);
      own.set(raw.subarray(0, products * n));
      own.set(raw.subarray(products * n + m), products * n);
    }
    const prod = await truncate(ctx, own, fi);
    for (let j = 0; j < count; j++) pw.push(prod.subarray(j * n, (j + 1) * n));
  }
  return pw;
}

/**
 * Σ_k coeffs[k]·t^k with t given at `fi` fractional bits; result at `fout` bits. The coefficients
 * are encoded with as many fractional bits as keep the raw sum below 2^61.
 */
export async function polyEval(
  ctx: ProtocolContext,
  t: Ring,
  coeffs: readonly number[],
  fi: number,
  fout: number,
  tMax = 1,
  rider?: Rider,
): Promise<Ring> {
  const d = coeffs.length - 1;
  const pw = d >= 1 ? await powers(ctx, t, d, fi, rider) : [];
  return combine(ctx, pw, coeffs, fi, fout, tMax);
}

/** The public linear combination of given powers (see polyEval). */
export async function combine(
  ctx: ProtocolContext,
  pw: readonly Ring[],
  coeffs: readonly number[],
  fi: number,
  fout: number,
  tMax = 1,
): Promise<Ring> {
  const n = pw.length > 0 ? pw[0]!.length : 0;
  let mag = 0;
  for (let k = 0; k < coeffs.length; k++) mag += Math.abs(coeffs[k]!) * tMax ** k;
  const fc = Math.min(40, Math.floor(60 - fi - Math.log2(mag + 1e-300)) - 1);
  if (fc + fi <= fout)
    throw new RangeError(`polyEval: coefficients too large for the ring (need ${fout - fi + 1} coefficient bits, have ${fc})`);
  const acc = new BigUint64Array(n);
  for (let k = 1; k < coeffs.length; k++) {
    const c = BigInt(Math.round(coeffs[k]! * 2 ** fc));
    if (c !== 0n) axpy(acc, BigInt.asUintN(64, c), pw[k - 1]!);
  }
  if (ctx.party === 0) {
    const c0 = BigInt.asUintN(64, BigInt(Math.round(coeffs[0]! * 2 ** (fc + fi))));
    for (let i = 0; i < n; i++) acc[i] = BigInt.asUintN(64, acc[i]! + c0);
  }
  return truncate(ctx, acc, fc + fi - fout);
}

function axpy(out: Ring, s: bigint, b: Ring): void {
  for (let j = 0; j < out.length; j++) out[j] = BigInt.asUintN(64, out[j]! + s * b[j]!);
}
