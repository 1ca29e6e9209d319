/**
 * Truncation of arithmetic shares, [x] → [x / 2^s]: by default exact, rounded to the nearest integer
 * with ties up (toward +∞), so a result that fixed point can represent comes back exact and every
 * run gives the same value whatever the shares; as an opt-in (`ContextOptions.truncation`), the
 * cheaper stochastic rounding of one round.
 *
 * Both methods start from "truncation with known MSB" (Huang et al., Cheetah, USENIX Security
 * 2022, §4.2; the wrap bit idea is from CrypTFlow2, Rathee et al., CCS 2020). Party 0 adds the
 * public offset 2^62 (exact: plus 2^(s−1), which turns the floor below into rounding to nearest), so
 * x' lies in [0, 2^63) and its MSB is known to be 0. Writing x' = x0 + x1 − w·2^64 with shares x0, x1,
 * the wrap bit is then w = msb(x0) ∨ msb(x1) (if the MSB of the sum is 0, either no share or at
 * least one share with a carry from below has its MSB set). With s0 = msb(x0) held by party 0 and
 * s1 = msb(x1) by party 1, 2w = s0 + s1 + (s0 ⊕ s1), and a daBit turns the XOR-shared s0 ⊕ s1 into an
 * arithmetic share (open s0 ⊕ s1 ⊕ r). With x_i = h_i·2^s + l_i, l_i < 2^s, each party shifts its own
 * share logically (h_i, local):
 *   ⌊x'/2^s⌋ = h0 + h1 + c − w·2^(64−s),   c = [l0 + l1 ≥ 2^s], the carry out of the low s bits,
 * and w·2^(64−s) = (s0 + s1 + [s0 ⊕ s1])·2^(63−s) needs no division. Party 0 then removes 2^(62−s).
 *
 * Exact: c is computed (`carry.ts`: the millionaires' comparison of l0's complement with l1, or the
 * carry tree), as in the exact truncation of SIRNN (Rathee et al., S&P 2021, §3), and converted with
 * a second daBit; both daBit openings travel in one message after the comparison. The result is
 * ⌊(x + 2^(s−1)) / 2^s⌋ for −2^62 ≤ x < 2^62 − 2^(s−1), and wrong outside that range.
 * Cost: the carry's rounds + 1 (5 for s = 16 with the millionaires' protocol: 2 for the leaf OTs,
 * 2 for the tree of 4 leaves, 1 opening); 2·ceil(n/32)·4 bytes each way besides the carry's;
 * about n + 32 daBits.
 *
 * Stochastic: c is left random and the result is ⌊x'/2^s⌋ + 1 − c ∈ {⌊x/2^s⌋, ⌊x/2^s⌋ + 1}: error
 * below 1 ulp, unbiased (c = 1 with probability ≈ 1 − frac(x/2^s) over the shares' randomness).
 * But c depends on the receiving party's own share, so each reveal of a fresh recomputation tells
 * that party something new about x below one ulp, and results differ from run to run. Range
 * |x| < 2^62. Cost: 1 round; ceil(n/32)·4 bytes each way; n daBits.
 *
 * Neither method branches on a secret bit. Semi-honest; every opened bit is masked by a uniformly
 * random daBit. After a fixed-point product with f fractional bits, s = f and the range is
 * |x·y| < 2^(62−2f) (2^30 for f = 16).
 */
import type { ProtocolContext } from "../context.js";
import { sliceBits } from "../values.js";
import { msbBits, wordCount, type Bits } from "./bits.js";
import { openedToArith } from "./bit2a.js";
import { carry } from "./carry.js";
import { xor } from "./boolean.js";
import { daBits } from "./correlated.js";
import { msb } from "./msb.js";
import { addScalar, shrLogical, type Ring } from "./ring.js";

export const TRUNC_OFFSET_BITS = 62;
const OFFSET = 1n << BigInt(TRUNC_OFFSET_BITS);

export async function truncate(ctx: ProtocolContext, x: Ring, s: number): Promise<Ring> {
  if (!Number.isInteger(s) || s < 1 || s > 61) throw new RangeError(`truncate: shift must be an integer in [1, 61], got ${s}`);
  return ctx.costEnv.truncation === "stochastic" ? truncateStochastic(ctx, x, s) : truncateExact(ctx, x, s);
}

/**
 * `truncate(x, s)` and the msb of m (`msb.ts`) together. With the exact truncation both carries are
 * one `carry` call over 63 bits (the truncation's carry of the low s bits of x' is the carry out of
 * the low 63 bits of x'·2^(63−s), each share shifted locally), so the msb costs no rounds of its
 * own: the carry's rounds + 1 for both when ⌈s/4⌉ and 16 leaves give the same tree depth
 * (s > 32; else one more tree level than the truncation alone). With the stochastic truncation the
 * msb runs first, then the truncation's one round.
 */
export async function truncateWithMsb(ctx: ProtocolContext, x: Ring, s: number, m: Ring): Promise<{ t: Ring; msb: Bits }> {
  if (!Number.isInteger(s) || s < 1 || s > 61) throw new RangeError(`truncateWithMsb: shift must be an integer in [1, 61], got ${s}`);
  if (ctx.costEnv.truncation === "stochastic") {
    const b = await msb(ctx, m);
    return { t: await truncateStochastic(ctx, x, s), msb: b };
  }
  const n = x.length,
    k = m.length;
  const xs = ctx.party === 0 ? addScalar(x, OFFSET + (1n << BigInt(s - 1))) : x;
  const both = new BigUint64Array(n + k);
  const up = BigInt(63 - s);
  for (let i = 0; i < n; i++) both[i] = BigInt.asUintN(64, xs[i]! << up);
  both.set(m, n);
  const c = await carry(ctx, both, 63);
  const b = xor(sliceBits(c, n, k), msbBits(m));
  return { t: await truncateExact(ctx, x, s, sliceBits(c, 0, n)), msb: b };
}

/** ⌊(x + 2^(s−1)) / 2^s⌋ exactly (doc above); `given` is the carry of the low s bits when already computed. */
async function truncateExact(ctx: ProtocolContext, x: Ring, s: number, given?: Bits): Promise<Ring> {
  const n = x.length;
  const W = wordCount(n);
  const p0 = ctx.party === 0;
  const tag = ctx.op("truncate");
  const xs = p0 ? addScalar(x, OFFSET + (1n << BigInt(s - 1))) : x;
  const own = msbBits(xs);
  const c = given ?? (await carry(ctx, xs, s));
  // One daBit request: the wrap bits' daBits at [0, n), the carry's from the word boundary 32W.
  const db = await daBits(ctx, 32 * W + n);
  const open = new Uint32Array(2 * W);
  for (let i = 0; i < W; i++) {
    open[i] = own[i]! ^ db.bits[i]!;
    open[W + i] = c[i]! ^ db.bits[W + i]!;
  }
  const theirs = await exchangeWithRider(ctx, tag("open"), open);
  for (let i = 0; i < 2 * W; i++) open[i]! ^= theirs[i]!;
  const xor = openedToArith(p0, open.subarray(0, W), db.arith, n);
  const cA = openedToArith(p0, open.subarray(W), db.arith.subarray(32 * W), n);
  return combine(p0, xs, s, own, xor, cA, -(1n << BigInt(TRUNC_OFFSET_BITS - s)));
}

/** ⌊x/2^s⌋ + 1 − c with c random (doc above). */
async function truncateStochastic(ctx: ProtocolContext, x: Ring, s: number): Promise<Ring> {
  const n = x.length;
  const W = wordCount(n);
  const p0 = ctx.party === 0;
  const tag = ctx.op("truncate");
  const db = await daBits(ctx, n);
  const xs = p0 ? addScalar(x, OFFSET) : x;
  const own = msbBits(xs);
  const open = new Uint32Array(W);
  for (let i = 0; i < W; i++) open[i] = own[i]! ^ db.bits[i]!;
  const theirs = await exchangeWithRider(ctx, tag("open"), open);
  for (let i = 0; i < W; i++) open[i]! ^= theirs[i]!;
  const xor = openedToArith(p0, open, db.arith, n);
  return combine(p0, xs, s, own, xor, null, 1n - (1n << BigInt(TRUNC_OFFSET_BITS - s)));
}

/** Sends `open` (and a waiting OpenRider's words, context.ts) and returns the peer's `open`. */
async function exchangeWithRider(ctx: ProtocolContext, tag: string, open: Uint32Array): Promise<Uint32Array> {
  const got = await ctx.exchangeRiding(tag, open.slice());
  return new Uint32Array(got.buffer, got.byteOffset, open.length);
}

/**
 * This party's share of (x' >> s) − w·2^(64−s) + c + k: its logical shift, minus
 * (s_i + [s0 ⊕ s1])·2^(63−s), plus its share of c (if any), plus the constant k (party 0 only).
 * Arithmetic on the secret bit s_i, no branch.
 */
function combine(p0: boolean, xs: Ring, s: number, own: Bits, xor: Ring, c: Ring | null, k: bigint): Ring {
  const out = shrLogical(xs, s);
  const scale = 1n << BigInt(63 - s);
  const k0 = p0 ? k : 0n;
  for (let i = 0; i < out.length; i++) {
    const si = BigInt((own[i >>> 5]! >>> (i & 31)) & 1);
    const ci = c === null ? 0n : c[i]!;
    out[i] = BigInt.asUintN(64, out[i]! - (si + xor[i]!) * scale + ci + k0);
  }
  return out;
}
