/**
 * Equality of arithmetic shares: x = y ⟺ x − y = 0 (the difference is local), and equality with
 * zero by an AND tree on bit planes (as in the equality circuits
 * of ABY / GMW; CrypTFlow2's equality uses the same tree over OT-based leaves). Semi-honest.
 *
 * x = 0 ⟺ x0 = −x1 mod 2^64. Party 0 holds a = x0 and party 1 holds b = −x1; the bits
 * ¬(a_j ⊕ b_j) are XOR-shared with no message (party 0 holds ¬a_j, party 1 holds b_j), and x = 0 is
 * their AND.
 *
 * Cost: 6 rounds; 63 plane-ANDs of ceil(n/32) words: ≈ 15.75 bytes per element each way (n a
 * multiple of 32), 63 bit triples per element.
 */
import type { ProtocolContext } from "../context.js";
import type { Public } from "../values.js";
import { sub, subPublic } from "./arith.js";
import type { Bits } from "./bits.js";
import { andTree, toPlanes } from "./planes.js";
import { limbs, neg, type Ring } from "./ring.js";

export async function eqz(ctx: ProtocolContext, x: Ring): Promise<Bits> {
  const n = x.length;
  const W = (n + 31) >>> 5;
  const own = ctx.party === 0 ? x : neg(x);
  const planes = toPlanes(limbs(own), n);
  if (ctx.party === 0) for (let i = 0; i < planes.length; i++) planes[i] = ~planes[i]!;
  return andTree(ctx, planes, 64, W);
}

/** [x = y] as a boolean share. Cost of `eqz`. */
export async function eq(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Bits> {
  return eqz(ctx, sub(x, y));
}

/** [x = p] for a public p. Cost of `eqz`. */
export async function eqPublic(ctx: ProtocolContext, x: Ring, p: Public): Promise<Bits> {
  return eqz(ctx, subPublic(ctx, x, p));
}
