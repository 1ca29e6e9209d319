/**
 * MSB (less-than-zero) of arithmetic shares. `msb` dispatches on the context's comparison method:
 * the millionaires' protocol (`millionaire.ts`) or the carry tree below, the A2B-adder method of
 * ABY (Demmler et al., NDSS 2015) reduced to the one carry it needs. Semi-honest.
 *
 * x = x0 + x1 mod 2^64, so msb(x) = msb(x0) ⊕ msb(x1) ⊕ c, where c is the carry into bit 63 of
 * (x0 mod 2^63) + (x1 mod 2^63). With the 63 low bit planes: generate g = x0 ∧ x1 (party 0's bits
 * and party 1's bits, one AND), propagate p = x0 ⊕ x1 (local), then a log-depth carry tree.
 *
 * Cost: 7 rounds; 181 plane-ANDs (63 + 118) of ceil(n/32) words: ≈ 45.3 bytes per element each way
 * (n a multiple of 32), 181 bit triples per element.
 */
import type { ProtocolContext } from "../context.js";
import type { Bits } from "./bits.js";
import { and } from "./boolean.js";
import { msbMillionaire } from "./millionaire.js";
import { carryTree, toPlanes } from "./planes.js";
import { limbs, type Ring } from "./ring.js";

/** x < 0, by the context's comparison method (see ContextOptions.comparison). */
export async function msb(ctx: ProtocolContext, x: Ring): Promise<Bits> {
  return ctx.costEnv.comparison === "millionaire" ? msbMillionaire(ctx, x) : msbCarryTree(ctx, x);
}

/** The carry-tree method (doc above). */
export async function msbCarryTree(ctx: ProtocolContext, x: Ring): Promise<Bits> {
  const n = x.length;
  const W = (n + 31) >>> 5;
  const planes = toPlanes(limbs(x), n);
  const low = planes.subarray(0, 63 * W);
  const zero = new Uint32Array(63 * W);
  const g = ctx.party === 0 ? await and(ctx, low, zero) : await and(ctx, zero, low);
  const c = await carryTree(ctx, g, low, 63, W);
  const top = planes.subarray(63 * W);
  const out = new Uint32Array(W);
  for (let i = 0; i < W; i++) out[i] = c[i]! ^ top[i]!;
  return out;
}
