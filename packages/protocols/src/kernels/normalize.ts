/**
 * Leak-free normalisation: for a shared x ≠ 0 with |x| < 2^L (raw), shares of the leading-one
 * position p of |x| as a one-hot vector and of xn = x / 2^(p+1) ∈ ±[0.5, 1], revealing nothing (no
 * bit length is opened, unlike PETAce's division). The method of Catrina–Saxena (FC 2010, "Norm")
 * on a bit decomposition, as in SecretFlow SPU's reciprocal:
 *
 * 1. A2B of x (7 rounds); its top bit is the sign s.
 * 2. v = x ⊕ s·1…1 (local: |x| for x ≥ 0, |x| − 1 for x < 0), masked to bits 0..L−1, bit 0 forced
 *    to 1 (so |x| = 1 and powers of two stay in range; |xn| is then in [0.5, 1]).
 * 3. Prefix-OR from the top, v |= v >> k for k = 1, 2, …, 32 (6 rounds of one 64-bit AND each);
 *    one-hot = v ⊕ (v >> 1) (local).
 * 4. B2A of the 64 one-hot bits and of s with daBits (1 round).
 * 5. c = Σ_j onehot_j·2^(L−1−j) (local); xn = trunc(x·c, L − fout) (a product and a truncation).
 *
 * Any public function of p is then a local weighted sum of the arithmetic one-hot (`weighted`).
 * Cost: 15 rounds + a truncation (1 round with the stochastic opt-in); 768 + 384 bit triples, 65
 * daBits, 1 arithmetic triple and the truncation's correlations per element; ≈ 192 + 96 + 8 + 16
 * bytes each way + the truncation's.
 */
import type { ProtocolContext } from "../context.js";
import { a2b } from "./a2b.js";
import { bitToArith } from "./bit2a.js";
import { and } from "./boolean.js";
import { mulRaw } from "./mul.js";
import { limbs, type Ring } from "./ring.js";
import { truncate } from "./truncate.js";

export interface Normalized {
  /** x / 2^(p+1) with `fout` fractional bits, sign kept. */
  xn: Ring;
  /** Arithmetic one-hot of p: element i's bit j at index 64·i + j. */
  onehot: Ring;
  /** Arithmetic sign bit (1 for x < 0). */
  sign: Ring;
}

/** 64-bit logical right shift by k in [1, 32] of every limb pair. */
function shr64(w: Uint32Array, k: number): Uint32Array {
  const out = new Uint32Array(w.length);
  if (k === 32) {
    for (let i = 0; i < w.length; i += 2) out[i] = w[i + 1]!;
  } else {
    const t = 32 - k;
    for (let i = 0; i < w.length; i += 2) {
      const hi = w[i + 1]!;
      out[i] = (w[i]! >>> k) | (hi << t);
      out[i + 1] = hi >>> k;
    }
  }
  return out;
}

export async function normalize(ctx: ProtocolContext, x: Ring, L: number, fout: number): Promise<Normalized> {
  if (!Number.isInteger(L) || L < 2 || L > 61) throw new RangeError(`normalize: L must be an integer in [2, 61], got ${L}`);
  const n = x.length;
  const p0 = ctx.party === 0;
  const bits = limbs(await a2b(ctx, x));
  // Sign share (XOR), replicated into a mask; v = bits ⊕ mask, restricted to L bits, bit 0 set.
  const signWords = new Uint32Array((n + 31) >>> 5);
  const loMask = L >= 32 ? 0xffffffff : 2 ** L - 1;
  const hiMask = L >= 64 ? 0xffffffff : L > 32 ? 2 ** (L - 32) - 1 : 0;
  let v = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const s = bits[2 * i + 1]! >>> 31;
    signWords[i >>> 5]! |= s << (i & 31);
    const m = -s; // all ones when this party's sign share is 1
    let lo = (bits[2 * i]! ^ m) & loMask;
    const hi = (bits[2 * i + 1]! ^ m) & hiMask;
    lo = p0 ? lo | 1 : lo & ~1;
    v[2 * i] = lo;
    v[2 * i + 1] = hi;
  }
  for (let k = 1; k < L; k <<= 1) {
    const sh = shr64(v, k);
    const both = await and(ctx, v, sh);
    const nv = new Uint32Array(2 * n);
    for (let i = 0; i < 2 * n; i++) nv[i] = v[i]! ^ sh[i]! ^ both[i]!;
    v = nv;
  }
  const oh = new Uint32Array(2 * n + signWords.length);
  const sh1 = shr64(v, 1);
  for (let i = 0; i < 2 * n; i++) oh[i] = v[i]! ^ sh1[i]!;
  oh.set(signWords, 2 * n);
  const arith = await bitToArith(ctx, oh, 64 * n + 32 * signWords.length);
  const onehot = arith.subarray(0, 64 * n);
  const sign = arith.slice(64 * n, 64 * n + n);
  const weights: bigint[] = [];
  for (let j = 0; j < 64; j++) weights.push(j < L ? 1n << BigInt(L - 1 - j) : 0n);
  const c = weighted(onehot, n, weights);
  const xn = await truncate(ctx, await mulRaw(ctx, x, c), L - fout);
  return { xn, onehot, sign };
}

/** Σ_j weights[j]·onehot[64i + j] for each element i (public weights; local). */
export function weighted(onehot: Ring, n: number, weights: readonly bigint[]): Ring {
  const out = new BigUint64Array(n);
  const w = new BigUint64Array(64);
  for (let j = 0; j < Math.min(64, weights.length); j++) w[j] = BigInt.asUintN(64, weights[j]!);
  // Blocks of 64 elements keep their 64×64 one-hot shares in L1 while the columns sweep them.
  for (let i0 = 0; i0 < n; i0 += 64) {
    const i1 = Math.min(n, i0 + 64);
    for (let j = 0; j < weights.length; j++) addColumn(out, onehot, j, w, i0, i1);
  }
  return out;
}

function addColumn(out: Ring, onehot: Ring, j: number, w: BigUint64Array, i0: number, i1: number): void {
  for (let i = i0; i < i1; i++) out[i] = BigInt.asUintN(64, out[i]! + w[j]! * onehot[64 * i + j]!);
}
