/**
 * Comparisons of arithmetic shares, as XOR-shared bits. Share–share and share–public variants reduce
 * to `msb` (x < y ⟺ msb(x − y)) and `eqz` (x = y ⟺ x − y = 0); the differences are local.
 *
 * Domain: |x − y| < 2^63 as signed ring values (any two fixed-point values of magnitude below 2^62
 * raw). Costs: lt/le/gt/ge as `msb` (millionaire: 6 rounds, ≈ 42.5 bytes per element each way;
 * carry tree: 7 rounds, ≈ 45.3 bytes), eq/ne as `eqz` (6 rounds, ≈ 15.75 bytes).
 */
import type { ProtocolContext } from "../context.js";
import type { Public } from "./api.js";
import { addPublic, subFromPublic } from "./arith.js";
import type { Bits } from "./bits.js";
import { not } from "./boolean.js";
import { eqz } from "./equal.js";
import { msb } from "./msb.js";
import { neg, sub, type Ring } from "./ring.js";

function same(fn: string, x: Ring, y: Ring): void {
  if (x.length !== y.length) throw new RangeError(`${fn}: operands have ${x.length} and ${y.length} elements`);
}

/** x − p for a public p. */
function minusPublic(ctx: ProtocolContext, x: Ring, p: Public): Ring {
  return addPublic(ctx, x, typeof p === "bigint" ? BigInt.asUintN(64, -p) : neg(p));
}

export async function lt(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Bits> {
  same("lt", x, y);
  return msb(ctx, sub(x, y));
}

export async function gt(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Bits> {
  same("gt", x, y);
  return msb(ctx, sub(y, x));
}

export async function le(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Bits> {
  return not(ctx, await gt(ctx, x, y));
}

export async function ge(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Bits> {
  return not(ctx, await lt(ctx, x, y));
}

export async function eq(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Bits> {
  same("eq", x, y);
  return eqz(ctx, sub(x, y));
}

export async function ne(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Bits> {
  return not(ctx, await eq(ctx, x, y));
}

export async function ltPublic(ctx: ProtocolContext, x: Ring, p: Public): Promise<Bits> {
  return msb(ctx, minusPublic(ctx, x, p));
}

export async function gtPublic(ctx: ProtocolContext, x: Ring, p: Public): Promise<Bits> {
  return msb(ctx, subFromPublic(ctx, p, x));
}

export async function lePublic(ctx: ProtocolContext, x: Ring, p: Public): Promise<Bits> {
  return not(ctx, await gtPublic(ctx, x, p));
}

export async function gePublic(ctx: ProtocolContext, x: Ring, p: Public): Promise<Bits> {
  return not(ctx, await ltPublic(ctx, x, p));
}

export async function eqPublic(ctx: ProtocolContext, x: Ring, p: Public): Promise<Bits> {
  return eqz(ctx, minusPublic(ctx, x, p));
}

export async function nePublic(ctx: ProtocolContext, x: Ring, p: Public): Promise<Bits> {
  return not(ctx, await eqPublic(ctx, x, p));
}
