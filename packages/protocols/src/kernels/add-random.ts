/**
 * x + r for a fresh random r that neither party knows: each party draws its share r_i uniformly
 * in [0, 2^bits) from its private PRG and adds it to its share of x, with no message. Then
 * r = r_0 + r_1 ∈ [0, 2^(bits+1)), and r mod 2^bits is uniform and independent of each r_i alone
 * (one uniform summand suffices), so it stays hidden from either party as long as the other is
 * honest (semi-honest model). Callers that need a uniform value reduce r modulo 2^bits on the
 * shares (securenumpy's random routines do it with one exact floor truncation).
 * Cost: none (local); bits in [1, 62].
 */
import type { ProtocolContext } from "../context.js";
import type { Ring } from "./ring.js";

export function addRandom(ctx: ProtocolContext, x: Ring, bits: number): Ring {
  const n = x.length;
  const r = ctx.prg.ring(n);
  const mask = (1n << BigInt(bits)) - 1n;
  for (let i = 0; i < n; i++) r[i] = BigInt.asUintN(64, x[i]! + (r[i]! & mask));
  return r;
}
