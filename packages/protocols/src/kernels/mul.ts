/**
 * Element-wise multiplication of arithmetic shares with Beaver triples (Beaver, CRYPTO 1991), as in
 * ABY (Demmler et al., NDSS 2015) and SecureML (Mohassel–Zhang, S&P 2017). Semi-honest.
 *
 * With a triple (a, b, c = ab): open d = x − a and e = y − b (both masked by uniform a, b), then
 * party i's share of xy is x_i·e + d·b_i + c_i (Σ = xe + db + ab = (d + a)(e + b)).
 */
import type { ProtocolContext } from "../context.js";
import type { Ring } from "./ring.js";
import { truncate } from "./truncate.js";

/** Ring product x·y mod 2^64 (integers, no truncation). 1 round; 16 bytes per element each way; n arithmetic triples. */
export async function mulRaw(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`mul: operands have ${n} and ${y.length} elements`);
  const tag = ctx.op("mul");
  const t = await ctx.correlations.arithTriples(n);
  const de = new BigUint64Array(2 * n);
  maskPair(de, x, t.a, y, t.b, n);
  const got = await ctx.exchangeRiding(tag("open"), de.slice());
  const theirs = new BigUint64Array(got.buffer, got.byteOffset, 2 * n);
  addInto(de, theirs);
  const out = new BigUint64Array(n);
  beaverCombine(out, x, de, t.b, t.c, n);
  return out;
}

/**
 * Fixed-point product: `mulRaw` then `truncate` by fracBits, rounding to nearest (costs.ts `mul`: 6
 * rounds and 16 + 10.25 bytes per element each way at f = 16 with the millionaires' protocol; 2
 * rounds and 16n + ceil(n/32)·4 bytes with the stochastic opt-in).
 */
export async function mulFixed(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  return truncate(ctx, await mulRaw(ctx, x, y), ctx.fracBits);
}

/** de[0..n) = x − a, de[n..2n) = y − b. */
function maskPair(de: Ring, x: Ring, a: Ring, y: Ring, b: Ring, n: number): void {
  for (let i = 0; i < n; i++) {
    de[i] = BigInt.asUintN(64, x[i]! - a[i]!);
    de[n + i] = BigInt.asUintN(64, y[i]! - b[i]!);
  }
}

function addInto(a: Ring, b: Ring): void {
  for (let i = 0; i < a.length; i++) a[i] = BigInt.asUintN(64, a[i]! + b[i]!);
}

/** out = x·e + d·b + c with d = de[0..n), e = de[n..2n). */
function beaverCombine(out: Ring, x: Ring, de: Ring, b: Ring, c: Ring, n: number): void {
  for (let i = 0; i < n; i++) out[i] = BigInt.asUintN(64, x[i]! * de[n + i]! + de[i]! * b[i]! + c[i]!);
}
