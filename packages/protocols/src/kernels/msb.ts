/**
 * MSB (less-than-zero) of arithmetic shares. Semi-honest.
 *
 * x = x0 + x1 mod 2^64, so msb(x) = msb(x0) ⊕ msb(x1) ⊕ c, where c is the carry into bit 63 of
 * (x0 mod 2^63) + (x1 mod 2^63): `carry` with bits = 63, by the context's comparison method.
 *
 * Cost: millionaires' protocol 6 rounds, ≈ 36 + 6.5 bytes per element each way, 64 random OTs and
 * 26 AND triples per element; carry tree 7 rounds, 181 plane-ANDs of ceil(n/32) words (≈ 45.3
 * bytes per element each way for n a multiple of 32), 181 bit triples per element.
 */
import type { ProtocolContext } from "../context.js";
import { msbBits, type Bits } from "./bits.js";
import { carry } from "./carry.js";
import type { Ring } from "./ring.js";

/** x < 0, by the context's comparison method (see ContextOptions.comparison). */
export async function msb(ctx: ProtocolContext, x: Ring): Promise<Bits> {
  const c = await carry(ctx, x, 63);
  const top = msbBits(x);
  for (let i = 0; i < c.length; i++) c[i]! ^= top[i]!;
  return c;
}
