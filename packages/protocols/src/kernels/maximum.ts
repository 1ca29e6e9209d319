/**
 * Element-wise maximum and minimum of arithmetic shares (any scale, both operands the same) from one
 * MSB and one bit injection. Semi-honest; domain |x − y| < 2^63.
 */
import type { ProtocolContext } from "../context.js";
import { msb } from "./msb.js";
import { add, neg, sub, type Ring } from "./ring.js";
import { bitMul } from "./select.js";

/** [x < y]·(y − x): max = x + d, min = y − d. */
async function gap(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  if (x.length !== y.length) throw new RangeError(`max/min: operands have ${x.length} and ${y.length} elements`);
  const d = sub(y, x);
  return bitMul(ctx, await msb(ctx, neg(d)), d);
}

/** Element-wise maximum. msb + 2 rounds. */
export async function maximum(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  return add(x, await gap(ctx, x, y));
}

/** Element-wise minimum. msb + 2 rounds. */
export async function minimum(ctx: ProtocolContext, x: Ring, y: Ring): Promise<Ring> {
  return sub(y, await gap(ctx, x, y));
}
