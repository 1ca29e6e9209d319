/** Hyperbolic tangent of fixed-point shares through the sigmoid: same range analysis and cost as sigmoid.ts. */
import type { ProtocolContext } from "../context.js";
import { mulScalar, type Ring } from "./ring.js";
import { sigmoid } from "./sigmoid.js";

/** tanh(x) = 2σ(2x) − 1. */
export async function tanh(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const sg = await sigmoid(ctx, mulScalar(x, 2n));
  const one = ctx.party === 0 ? 1n << BigInt(ctx.fracBits) : 0n;
  const out = new BigUint64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = BigInt.asUintN(64, 2n * sg[i]! - one);
  return out;
}
