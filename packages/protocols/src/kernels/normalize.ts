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
 * 4. xn for p ≥ fout: x >> (p + 1 − fout) rounded to nearest, selected from the locally shifted bit
 *    vectors by the one-hot: ⊕_j onehot_j ∧ (x >> (j + 1 − fout)) over j ∈ [fout, L), one round of
 *    (L − fout) word-ANDs per element (the floor's fout + 1 low bits and the bit below the cut).
 * 5. B2A of the 64 one-hot bits and of s with daBits, riding on step 4's AND round (its opening in
 *    the same message, context.ts OpenRider).
 * 6. xn for p < fout: x·2^(fout − 1 − p) = x·Σ_{j<fout} onehot_j·2^(fout−1−j), exact (1 round),
 *    with the B2A of step 4's selected word riding on it; the two parts are 0 outside their
 *    ranges of p, so xn is their sum. No truncation: the shift is in the boolean domain, so its
 *    rounding costs no comparison.
 *
 * With the stochastic truncation opt-in, steps 4–6 are instead the B2A, the product x·c with
 * c = 2^(L−1−p) and its one-round truncation by L − fout (one round more, fewer bytes).
 *
 * Any public function of p is then a local weighted sum of the arithmetic one-hot (`weighted`).
 * Cost: 15 rounds for L > 32 (7 for the A2B, 6 for the prefix-OR, then 2); 768 + 384 + 32(L − fout)
 * bit triples, 97 daBits and 1 arithmetic triple per element (bytes: costs.ts, measured by
 * scripts/nonlinear-costs.ts).
 */
import type { ProtocolContext } from "../context.js";
import { a2b } from "./a2b.js";
import { bitToArith, openedToArith } from "./bit2a.js";
import { daBits } from "./correlated.js";
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
  if (!Number.isInteger(fout) || fout < 1 || fout > 30) throw new RangeError(`normalize: fout must be an integer in [1, 30], got ${fout}`);
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
  const sh1 = shr64(v, 1);
  const ohBits = new Uint32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) ohBits[i] = v[i]! ^ sh1[i]!;
  // xn for p ≥ fout: x >> (p + 1 − fout), selected by the one-hot from the shifted bit vectors
  // (local shifts) with one AND round: ⊕_j onehot_j ∧ (x >> (j + 1 − fout)). Per element one word:
  // the floor's low fout + 1 bits (two's complement) and, at bit fout + 1, the bit below the cut
  // (floor + that bit = rounding to nearest, ties up).
  // With the stochastic truncation (1 round) the B2A, the product x·c and the truncation cost one
  // round more than steps 4–6 but far fewer bytes (the opt-in is the cheap mode): kept there.
  const stochastic = ctx.costEnv.truncation === "stochastic";
  const big = stochastic ? 0 : L - fout;
  const head = new Uint32Array(2 * n + signWords.length);
  head.set(ohBits, 0);
  head.set(signWords, 2 * n);
  if (big <= 0) {
    const arith = await bitToArith(ctx, head, 32 * head.length);
    const onehot = arith.subarray(0, 64 * n);
    const sign = arith.slice(64 * n, 64 * n + n);
    const weights: bigint[] = [];
    for (let j = 0; j < L; j++) weights.push(1n << BigInt(L - 1 - j));
    return { xn: await truncate(ctx, await mulRaw(ctx, x, weighted(onehot, n, weights)), L - fout), onehot, sign };
  }
  // The B2A of the one-hot and the sign rides on step 4's AND round, the B2A of the selected word
  // on step 6's Beaver round (context.ts OpenRider): daBits for both drawn first, in this order.
  const dbHead = await daBits(ctx, 32 * head.length);
  const dbSel = await daBits(ctx, 32 * n);
  let arith: Ring | null = null;
  const headOpen = new Uint32Array(head.length);
  for (let i = 0; i < head.length; i++) headOpen[i] = head[i]! ^ dbHead.bits[i]!;
  ctx.openRider = {
    words: headOpen.slice(),
    done: (theirs) => {
      for (let i = 0; i < headOpen.length; i++) headOpen[i]! ^= theirs[i]!;
      arith = openedToArith(p0, headOpen, dbHead.arith, 32 * head.length);
    },
  };
  const lhs = new Uint32Array(big * n),
    rhs = new Uint32Array(big * n);
  const low = 2 ** (fout + 1) - 1;
  for (let i = 0; i < n; i++) {
    const lo = bits[2 * i]!,
      hi = bits[2 * i + 1]!;
    for (let j = fout; j < L; j++) {
      const k = j + 1 - fout;
      const word = (shrArith(lo, hi, k) & low) | ((shrArith(lo, hi, k - 1) & 1) << (fout + 1));
      const bit = j < 32 ? (ohBits[2 * i]! >>> j) & 1 : (ohBits[2 * i + 1]! >>> (j - 32)) & 1;
      lhs[(j - fout) * n + i] = -bit >>> 0;
      rhs[(j - fout) * n + i] = word >>> 0;
    }
  }
  const prod = await and(ctx, lhs, rhs);
  const sel = new Uint32Array(n);
  for (let j = 0; j < big; j++) for (let i = 0; i < n; i++) sel[i]! ^= prod[j * n + i]!;
  const headArith = arith as Ring | null;
  if (!headArith) throw new Error("normalize: the one-hot's B2A did not ride on the AND round");
  const onehot = headArith.subarray(0, 64 * n);
  const sign = headArith.slice(64 * n, 64 * n + n);
  let selArith: Ring | null = null;
  for (let i = 0; i < n; i++) sel[i]! ^= dbSel.bits[i]!;
  ctx.openRider = {
    words: sel.slice(),
    done: (theirs) => {
      for (let i = 0; i < n; i++) sel[i]! ^= theirs[i]!;
      selArith = openedToArith(p0, sel, dbSel.arith, 32 * n);
    },
  };
  // xn for p < fout: x·2^(fout − 1 − p), exact (one Beaver round); 0 for p ≥ fout.
  const weights: bigint[] = [];
  for (let j = 0; j < fout; j++) weights.push(1n << BigInt(fout - 1 - j));
  const xn = await mulRaw(ctx, x, weighted(onehot, n, weights));
  const sa = selArith as Ring | null;
  if (!sa) throw new Error("normalize: the selected word's B2A did not ride on the Beaver round");
  for (let i = 0; i < n; i++) {
    let acc = 0n;
    for (let b = 0; b < fout; b++) acc += sa[32 * i + b]! << BigInt(b);
    acc += sa[32 * i + fout + 1]! - (sa[32 * i + fout]! << BigInt(fout));
    xn[i] = BigInt.asUintN(64, xn[i]! + acc);
  }
  return { xn, onehot, sign };
}

/** Bits [k, k + 32) of the 64-bit two's complement value (lo, hi), sign-extended; k in [0, 63]. */
function shrArith(lo: number, hi: number, k: number): number {
  if (k === 0) return lo;
  if (k < 32) return (lo >>> k) | (hi << (32 - k));
  return hi >> (k - 32);
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
