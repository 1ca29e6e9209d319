/**
 * Squares of arithmetic shares with square pairs (a, c = a²): open e = x − a (masked by uniform a),
 * then x² = (e + a)² = e² + 2·e·a + c, so party i's share is 2·e·a_i + c_i, plus the public e² at
 * party 0. One element is opened per square where a Beaver product x·x opens two (x − a and x − b),
 * and a pair costs half a triple to make (correlations' square.ts). This is the squaring step of
 * the SPDZ-family protocols (e.g. Damgård et al., "Multiparty computation from somewhat
 * homomorphic encryption", CRYPTO 2012, whose preprocessing makes square pairs). Semi-honest.
 *
 * Without the provider's `squarePairs`, a square is a Beaver product x·x (the same round, 8 more
 * bytes per element each way).
 */
import type { ProtocolContext } from "../context.js";
import { mulRaw } from "./mul.js";
import type { Ring } from "./ring.js";
import { truncate } from "./truncate.js";
import { concatRing } from "../values.js";

const EMPTY: Ring = new BigUint64Array(0);

/** x² mod 2^64 (integers, no truncation). 1 round; 8 bytes per element each way. */
export function squareRaw(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  return mulSquareRaw(ctx, EMPTY, EMPTY, x);
}

/**
 * Fixed-point square: `squareRaw` then `truncate` by fracBits, rounding to nearest (costs.ts `square`:
 * 6 rounds and 8 + 10.25 bytes per element each way at f = 16 with the exact truncation and the
 * millionaires' protocol; 2 rounds and 8n + ceil(n/32)·4 bytes with the stochastic opt-in).
 */
export async function squareFixed(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  return truncate(ctx, await squareRaw(ctx, x), ctx.fracBits);
}

/**
 * Products lhs·rhs and squares of sq in one round, returned one after the other
 * ([lhs·rhs, sq²], integers mod 2^64): for kernels that batch a squaring with other products (the
 * powers of a polynomial, square-and-multiply, Goldschmidt's e²). Each party sends
 * 16·|lhs| + 8·|sq| bytes.
 */
export async function mulSquareRaw(ctx: ProtocolContext, lhs: Ring, rhs: Ring, sq: Ring): Promise<Ring> {
  const nm = lhs.length,
    ns = sq.length;
  if (rhs.length !== nm) throw new RangeError(`mul: operands have ${nm} and ${rhs.length} elements`);
  if (!ctx.correlations.squarePairs) return mulRaw(ctx, ns === 0 ? lhs : concatRing([lhs, sq]), ns === 0 ? rhs : concatRing([rhs, sq]));
  if (ns === 0) return mulRaw(ctx, lhs, rhs);
  const tag = ctx.op("square");
  const t = nm > 0 ? await ctx.correlations.arithTriples(nm) : null;
  const p = await ctx.correlations.squarePairs(ns);
  // Opened together: d = lhs − a and e = rhs − b of the products, then e' = sq − a' of the squares.
  const open = new BigUint64Array(2 * nm + ns);
  if (t) {
    for (let i = 0; i < nm; i++) {
      open[i] = BigInt.asUintN(64, lhs[i]! - t.a[i]!);
      open[nm + i] = BigInt.asUintN(64, rhs[i]! - t.b[i]!);
    }
  }
  for (let i = 0; i < ns; i++) open[2 * nm + i] = BigInt.asUintN(64, sq[i]! - p.a[i]!);
  ctx.sendRing(tag("open"), open.slice());
  const theirs = await ctx.recvRing(tag("open"), open.length);
  for (let i = 0; i < open.length; i++) open[i] = BigInt.asUintN(64, open[i]! + theirs[i]!);
  const out = new BigUint64Array(nm + ns);
  if (t) {
    for (let i = 0; i < nm; i++) out[i] = BigInt.asUintN(64, lhs[i]! * open[nm + i]! + open[i]! * t.b[i]! + t.c[i]!);
  }
  const p0 = ctx.party === 0;
  for (let i = 0; i < ns; i++) {
    const e = open[2 * nm + i]!;
    out[nm + i] = BigInt.asUintN(64, 2n * e * p.a[i]! + p.c[i]! + (p0 ? e * e : 0n));
  }
  return out;
}
