/**
 * Matrix product P·Y where party `owner` holds P (m×k) in plaintext and Y (k×n) is shared: the
 * operand P is held as the owner's share with the other party's share zero (securenumpy's held
 * arrays), and only the other party's own kernel input is its share of Y. Semi-honest.
 *
 * P·Y = P·Y_owner + P·Y_other: the first term is local at the owner; the cross term uses an owned
 * matrix triple (R at the owner, S at the other party, C = R·S shared; correlations' owned-matrix.ts,
 * one Gilboa cross term of SecureML's OT-based matrix triples, Mohassel–Zhang, S&P 2017, §4.2).
 * The owner opens D = P − R to the other party only, the other opens E = Y_other − S to the owner
 * only, in one round: owner's share P·Y_owner + R·E + C_owner, the other's D·Y_other + C_other.
 * D and E are masked by R and S, which only their holder knows, so neither party learns anything.
 * Online: 1 round, 8·m·k bytes from the owner and 8·k·n from the other party; the fixed-point version
 * adds one truncation. Against a shared×shared product (matmul.ts) no mask of the whole matrix is
 * opened and its triple has one cross term instead of two (half the OT bytes each way).
 *
 * A provider without owned triples: one is made from a matrix triple (A, B, C), the other party
 * sending A_other to the owner and the owner B_owner to the other party (R = A, S = B), which costs
 * 8·(m·k + k·n) more bytes online than the operator table states.
 */
import type { PartyId } from "@petace/network";
import type { ProtocolContext } from "../context.js";
import { add, matmul as ringMatmul, sub, type Ring } from "./ring.js";
import { truncate } from "./truncate.js";

interface Owned {
  /** R (m×k) at the owner, S (k×n) at the other party. */
  mine: Ring;
  /** This party's share of R·S. */
  c: Ring;
}

export async function ownedMatmulRaw(
  ctx: ProtocolContext,
  x: Ring,
  y: Ring,
  owner: PartyId,
  m: number,
  k: number,
  n: number,
): Promise<Ring> {
  if (x.length !== m * k || y.length !== k * n) {
    throw new RangeError(`matmul_oa: operands have ${x.length} and ${y.length} elements, expected ${m}×${k} and ${k}×${n}`);
  }
  if (owner !== 0 && owner !== 1) throw new RangeError(`matmul_oa: owner must be 0 or 1, got ${String(owner)}`);
  const p = ctx.correlations;
  const t: Owned = p.ownedMatrixTriple ? await p.ownedMatrixTriple(owner, m, k, n) : await fromTriple(ctx, owner, m, k, n);
  const tag = ctx.op("matmul-owned");
  if (ctx.party === owner) {
    ctx.sendRing(tag("d"), sub(x, t.mine));
    const e = await ctx.recvRing(tag("e"), k * n);
    return ringMatmul(t.mine, e, m, k, n, ringMatmul(x, y, m, k, n, t.c));
  }
  ctx.sendRing(tag("e"), sub(y, t.mine));
  const d = await ctx.recvRing(tag("d"), m * k);
  return ringMatmul(d, y, m, k, n, t.c);
}

export async function ownedMatmulFixed(
  ctx: ProtocolContext,
  x: Ring,
  y: Ring,
  owner: PartyId,
  m: number,
  k: number,
  n: number,
): Promise<Ring> {
  return truncate(ctx, await ownedMatmulRaw(ctx, x, y, owner, m, k, n), ctx.fracBits);
}

/** An owned triple from a shared matrix triple: A opened to the owner only, B to the other party only. */
async function fromTriple(ctx: ProtocolContext, owner: PartyId, m: number, k: number, n: number): Promise<Owned> {
  const { a, b, c } = await ctx.correlations.matrixTriple(m, k, n);
  const tag = ctx.op("owned-triple");
  if (ctx.party === owner) {
    ctx.sendRing(tag("b"), b.slice());
    return { mine: add(a, await ctx.recvRing(tag("a"), m * k)), c };
  }
  ctx.sendRing(tag("a"), a.slice());
  return { mine: add(b, await ctx.recvRing(tag("b"), k * n)), c };
}
