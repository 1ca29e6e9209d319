/** |x| of arithmetic shares (any scale) from one MSB and one bit injection. Semi-honest; domain |x| < 2^63. */
import type { ProtocolContext } from "../context.js";
import { msb } from "./msb.js";
import { add, mulScalar, type Ring } from "./ring.js";
import { bitMul } from "./select.js";

/** |x| = x − 2·[x < 0]·x. msb + 2 rounds (bit injection). */
export async function abs(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const s = await msb(ctx, x);
  return add(x, await bitMul(ctx, s, mulScalar(x, BigInt.asUintN(64, -2n))));
}
