/**
 * The carry out of the low `bits` bits of an addition of the two shares, as XOR shares:
 * c = [x0 mod 2^bits + x1 mod 2^bits ≥ 2^bits]. Both the msb (bits = 63) and exact truncation
 * (bits = the shift) reduce to it. `carry` dispatches on the context's comparison method: the
 * millionaires' protocol (`millionaire.ts`) or the carry tree below, the A2B-adder method of ABY
 * (Demmler et al., NDSS 2015) reduced to the one carry it needs. Semi-honest.
 *
 * Carry tree: with the low bit planes, generate g = x0 ∧ x1 (party 0's bits and party 1's bits, one
 * AND), propagate p = x0 ⊕ x1 (local), then a log-depth carry tree (planes.ts).
 * Cost: 1 + ⌈log2 bits⌉ rounds; bits + (bits − 1) + (bits − 1 − ⌈log2 bits⌉) plane-ANDs of
 * ceil(n/32) words (181 for bits = 63, 42 for bits = 16).
 */
import type { ProtocolContext } from "../context.js";
import type { Bits } from "./bits.js";
import { and } from "./boolean.js";
import { carryMillionaire } from "./millionaire.js";
import { carryTree, toPlanes } from "./planes.js";
import { limbs, type Ring } from "./ring.js";

/** The carry by the context's comparison method (see ContextOptions.comparison). */
export async function carry(ctx: ProtocolContext, x: Ring, bits: number): Promise<Bits> {
  return ctx.costEnv.comparison === "millionaire" ? carryMillionaire(ctx, x, bits) : carryByTree(ctx, x, bits);
}

/** The carry-tree method (doc above). */
export async function carryByTree(ctx: ProtocolContext, x: Ring, bits: number): Promise<Bits> {
  if (!Number.isInteger(bits) || bits < 1 || bits > 63)
    throw new RangeError(`carryByTree: bits must be an integer in [1, 63], got ${bits}`);
  const n = x.length;
  const W = (n + 31) >>> 5;
  const low = toPlanes(limbs(x), n).subarray(0, bits * W);
  const zero = new Uint32Array(bits * W);
  const g = ctx.party === 0 ? await and(ctx, low, zero) : await and(ctx, zero, low);
  return (await carryTree(ctx, g, low, bits, W)).slice(0, W);
}
