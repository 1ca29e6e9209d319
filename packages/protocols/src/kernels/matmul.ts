/**
 * Matrix product of arithmetic shares in one round with a matrix Beaver triple (A, B, C = AB), as in
 * SecureML (Mohassel–Zhang, S&P 2017, §4.2). Semi-honest.
 *
 * Open D = X − A (m×k) and E = Y − B (k×n); party i's share of XY is X_i·E + D·B_i + C_i.
 * Online: 1 round, (mk + kn)·8 bytes each way, two local m×k×n ring matmuls per party; the fixed-point
 * version adds one truncation of the m×n result (costs.ts `trunc`).
 *
 * With a provider that makes matrix masks, A is a mask bound to X (matrix-mask.ts): a later product
 * with the same left operand reuses D and opens only E, kn·8 bytes each way (the table's cost is
 * that of a first product).
 */
import type { ProtocolContext } from "../context.js";
import { bindMask, boundMask } from "./matrix-mask.js";
import { matmul as ringMatmul, type Ring } from "./ring.js";
import { truncate } from "./truncate.js";

export async function matmulRaw(ctx: ProtocolContext, x: Ring, y: Ring, m: number, k: number, n: number): Promise<Ring> {
  if (x.length !== m * k || y.length !== k * n) {
    throw new RangeError(`matmul: operands have ${x.length} and ${y.length} elements, expected ${m}×${k} and ${k}×${n}`);
  }
  const tag = ctx.op("matmul");
  const p = ctx.correlations;
  const masks = p.matrixMask && p.matrixTripleFor ? { make: p.matrixMask.bind(p), triple: p.matrixTripleFor.bind(p) } : null;
  const bound = masks ? boundMask(ctx, x, m, k) : undefined;
  const mask = masks ? (bound?.mask ?? (await masks.make(m, k))) : null;
  const t = mask && masks ? await masks.triple(mask, n) : await p.matrixTriple(m, k, n);
  // Opened: D = X − A unless bound to X already, then E = Y − B.
  const mk = bound ? 0 : m * k,
    kn = k * n;
  const de = new BigUint64Array(mk + kn);
  for (let i = 0; i < mk; i++) de[i] = BigInt.asUintN(64, x[i]! - t.a[i]!);
  for (let i = 0; i < kn; i++) de[mk + i] = BigInt.asUintN(64, y[i]! - t.b[i]!);
  const mine = de.slice(0, mk);
  ctx.sendRing(tag("open"), de.slice());
  const theirs = await ctx.recvRing(tag("open"), mk + kn);
  for (let i = 0; i < mk + kn; i++) de[i] = BigInt.asUintN(64, de[i]! + theirs[i]!);
  const d = bound ? bound.e : de.slice(0, mk),
    e = de.subarray(mk);
  if (mask && !bound) bindMask(ctx, x, { mask, mine, e: d });
  const xe = ringMatmul(x, e, m, k, n, t.c);
  return ringMatmul(d, t.b, m, k, n, xe);
}

export async function matmulFixed(ctx: ProtocolContext, x: Ring, y: Ring, m: number, k: number, n: number): Promise<Ring> {
  return truncate(ctx, await matmulRaw(ctx, x, y, m, k, n), ctx.fracBits);
}
