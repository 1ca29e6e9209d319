/**
 * Exact-range truncation of arithmetic shares: [x] → [x / 2^s], for |x| < 2^62 (as a signed value).
 *
 * Method: "truncation with known MSB" (Huang et al., Cheetah, USENIX Security 2022, §4.2; the wrap
 * bit idea is from CrypTFlow2, CCS 2020). Party 0 adds the public 2^62, so x' = x + 2^62 lies in
 * (0, 2^63) and its MSB is known to be 0. Writing x' = x0 + x1 − w·2^64 with shares x0, x1, the wrap
 * bit is then w = msb(x0) ∨ msb(x1) (if the MSB of the sum is 0, either no share or at least one
 * share with a carry from below has its MSB set). With s0 = msb(x0) held by party 0 and s1 = msb(x1)
 * by party 1, 2w = s0 + s1 + (s0 ⊕ s1), and one daBit turns the XOR-shared s0 ⊕ s1 into an
 * arithmetic share (open s0 ⊕ s1 ⊕ r, one bit each way). Each party shifts its own share logically:
 *   (x0 >> s) + (x1 >> s) − w·2^(64−s) = ⌊x'/2^s⌋ − c,   c ∈ {0, 1} the carry out of the low s bits,
 * and w·2^(64−s) = (s0 + s1 + [s0 ⊕ s1])·2^(63−s) needs no division. Party 0 then removes
 * 2^(62−s) and adds 1.
 *
 * Result: ⌊x/2^s⌋ + 1 − c ∈ {⌊x/2^s⌋, ⌊x/2^s⌋ + 1}, so the error is below 1 ulp in absolute value
 * (≤ 1 ulp when x is a multiple of 2^s), and unbiased: c = 1 with probability ≈ 1 − frac(x/2^s)
 * over the shares' randomness, so this is stochastic rounding. Failure probability: 0 for
 * |x| < 2^62 (no probabilistic wrap as in SecureML's local truncation); outside that range the
 * result is wrong. After a fixed-point product with f fractional bits, s = f and the documented
 * range is |x·y| < 2^(62−2f) (2^30 for f = 16).
 *
 * Cost: 1 round; ceil(n/32)·4 bytes each way; n daBits.
 * Security: semi-honest; the opened bit s0 ⊕ s1 ⊕ r is masked by the uniformly random daBit r.
 */
import type { ProtocolContext } from "../context.js";
import { msbBits, wordCount } from "./bits.js";
import { daBits } from "./correlated.js";
import { addScalar, shrLogical, type Ring } from "./ring.js";

export const TRUNC_OFFSET_BITS = 62;

/** A bit as a ring element, by index rather than by branch. */
const BIT = /* @__PURE__ */ new BigUint64Array([0n, 1n]);

export async function truncate(ctx: ProtocolContext, x: Ring, s: number): Promise<Ring> {
  if (!Number.isInteger(s) || s < 1 || s > 61) throw new RangeError(`truncate: shift must be an integer in [1, 61], got ${s}`);
  const n = x.length;
  const words = wordCount(n);
  const p0 = ctx.party === 0;
  const tag = ctx.op("truncate");
  const db = await daBits(ctx, n);
  const xs = p0 ? addScalar(x, 1n << 62n) : x;
  const own = msbBits(xs);
  const open = new Uint32Array(words);
  for (let i = 0; i < words; i++) open[i] = own[i]! ^ db.bits[i]!;
  ctx.channel.send(tag("open"), open.slice());
  const theirs = await ctx.recvWords(tag("open"), words);
  for (let i = 0; i < words; i++) open[i]! ^= theirs[i]!;
  // open[i] = e = (s0 ⊕ s1) ⊕ r, public. [s0 ⊕ s1] = e + (1 − 2e)[r].
  const out = shrLogical(xs, s);
  const scale = 1n << BigInt(63 - s);
  const c0 = BigInt.asUintN(64, 1n - (1n << BigInt(62 - s)));
  const ar = db.arith;
  for (let i = 0; i < n; i++) {
    const w = i >>> 5,
      b = i & 31;
    const e = (open[w]! >>> b) & 1;
    const si = (own[w]! >>> b) & 1;
    // [s0 ⊕ s1]_i, then (s_i + [s0 ⊕ s1]_i)·2^(63−s) is this party's share of w·2^(64−s).
    // e is public (opened), so branching on it is fine; s_i is this party's secret MSB share, added
    // as a value, never branched on.
    let x2 = e === 1 ? BigInt.asUintN(64, -ar[i]!) : ar[i]!;
    if (p0 && e === 1) x2 = BigInt.asUintN(64, x2 + 1n);
    x2 = BigInt.asUintN(64, x2 + BIT[si]!);
    let v = BigInt.asUintN(64, out[i]! - x2 * scale);
    if (p0) v = BigInt.asUintN(64, v + c0);
    out[i] = v;
  }
  return out;
}
