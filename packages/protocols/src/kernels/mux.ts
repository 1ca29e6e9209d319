/**
 * Bit injection and multiplexer: an XOR-shared bit times an arithmetic share. B2A of the bit with a
 * daBit, then one Beaver product (as ABY's bit injection, with the B2A of Rotaru–Wood 2019).
 * Semi-honest.
 */
import type { ProtocolContext } from "../context.js";
import type { Bits } from "./bits.js";
import { bitToArith } from "./b2a.js";
import { mulRaw } from "./mul.js";
import { add, sub, type Ring } from "./ring.js";

/** [b·x] (b ? x : 0). 2 rounds; 4·ceil(n/32) + 16n bytes each way; n daBits + n arithmetic triples. */
export async function bitMul(ctx: ProtocolContext, b: Bits, x: Ring): Promise<Ring> {
  const bits = await bitToArith(ctx, b, x.length);
  return mulRaw(ctx, bits, x);
}

/** [c ? x : y] = y + c·(x − y). Same cost as `bitMul`. */
export async function select(ctx: ProtocolContext, c: Bits, x: Ring, y: Ring): Promise<Ring> {
  if (x.length !== y.length) throw new RangeError(`select: operands have ${x.length} and ${y.length} elements`);
  return add(y, await bitMul(ctx, c, sub(x, y)));
}
