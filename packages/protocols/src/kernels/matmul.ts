/**
 * Matrix product of arithmetic shares in one round with a matrix Beaver triple (A, B, C = AB), as in
 * SecureML (Mohassel–Zhang, S&P 2017, §4.2). Semi-honest.
 *
 * Open D = X − A (m×k) and E = Y − B (k×n); party i's share of XY is X_i·E + D·B_i + C_i.
 * Online: 1 round, (mk + kn)·8 bytes each way, two local m×k×n ring matmuls per party; the fixed-point
 * version adds one truncation of the m×n result (costs.ts `trunc`).
 */
import type { ProtocolContext } from "../context.js";
import { matmul as ringMatmul, type Ring } from "./ring.js";
import { truncate } from "./truncate.js";

export async function matmulRaw(ctx: ProtocolContext, x: Ring, y: Ring, m: number, k: number, n: number): Promise<Ring> {
  if (x.length !== m * k || y.length !== k * n) {
    throw new RangeError(`matmul: operands have ${x.length} and ${y.length} elements, expected ${m}×${k} and ${k}×${n}`);
  }
  const tag = ctx.op("matmul");
  const t = await ctx.correlations.matrixTriple(m, k, n);
  const mk = m * k,
    kn = k * n;
  const de = new BigUint64Array(mk + kn);
  for (let i = 0; i < mk; i++) de[i] = BigInt.asUintN(64, x[i]! - t.a[i]!);
  for (let i = 0; i < kn; i++) de[mk + i] = BigInt.asUintN(64, y[i]! - t.b[i]!);
  ctx.sendRing(tag("open"), de.slice());
  const theirs = await ctx.recvRing(tag("open"), mk + kn);
  for (let i = 0; i < mk + kn; i++) de[i] = BigInt.asUintN(64, de[i]! + theirs[i]!);
  const d = de.subarray(0, mk),
    e = de.subarray(mk);
  const xe = ringMatmul(x, e, m, k, n, t.c);
  return ringMatmul(d, t.b, m, k, n, xe);
}

export async function matmulFixed(ctx: ProtocolContext, x: Ring, y: Ring, m: number, k: number, n: number): Promise<Ring> {
  return truncate(ctx, await matmulRaw(ctx, x, y, m, k, n), ctx.fracBits);
}
