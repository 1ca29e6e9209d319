/**
 * A2B: arithmetic shares over Z_2^64 → XOR shares of the same 64-bit words, by adding the two shares
 * in a Kogge–Stone parallel-prefix adder (Kogge–Stone, IEEE TC 1973) evaluated with GMW on bit-sliced
 * words: every AND of one adder level, for the whole array, is one batched `and` round. This is the
 * A2B of ABY (Demmler et al., NDSS 2015) with a log-depth adder. Semi-honest.
 *
 * Party 0 holds x0 and party 1 holds x1; as XOR shares these are (x0, 0) and (0, x1). Generate
 * g = x0 ∧ x1 and propagate p = x0 ⊕ x1 (local); levels k = 1, 2, 4, …, 32 combine
 * G ← G ⊕ (P ∧ (G ≪ k)) (OR is XOR here: a group cannot both generate and propagate) and
 * P ← P ∧ (P ≪ k); the sum is p ⊕ (G ≪ 1).
 *
 * Cost: 7 rounds; 12 word-ANDs of 64 bits per element = 768 bit triples and 192 bytes each way.
 */
import type { ProtocolContext } from "../context.js";
import { and } from "./boolean.js";
import { limbs, type Ring } from "./ring.js";

/** 64-bit left shift by k in [1, 32] of every limb pair, into a new array. */
export function shl64(w: Uint32Array, k: number): Uint32Array {
  const out = new Uint32Array(w.length);
  if (k === 32) {
    for (let i = 0; i < w.length; i += 2) out[i + 1] = w[i]!;
  } else {
    const t = 32 - k;
    for (let i = 0; i < w.length; i += 2) {
      const lo = w[i]!;
      out[i] = lo << k;
      out[i + 1] = (w[i + 1]! << k) | (lo >>> t);
    }
  }
  return out;
}

/** Carries (G over each prefix) of adding the XOR-shared words u and v; p = u ⊕ v is the propagate. */
export async function prefixCarries(ctx: ProtocolContext, u: Uint32Array, v: Uint32Array): Promise<{ g: Uint32Array; p: Uint32Array }> {
  const w = u.length;
  let g = await and(ctx, u, v);
  const p0 = new Uint32Array(w);
  for (let i = 0; i < w; i++) p0[i] = u[i]! ^ v[i]!;
  let p = p0;
  for (let k = 1; k <= 32; k <<= 1) {
    const gs = shl64(g, k);
    if (k === 32) {
      const pg = await and(ctx, p, gs);
      for (let i = 0; i < w; i++) g[i]! ^= pg[i]!;
      break;
    }
    const ps = shl64(p, k);
    // One round for both ANDs of the level.
    const lhs = new Uint32Array(2 * w),
      rhs = new Uint32Array(2 * w);
    lhs.set(p, 0);
    lhs.set(p, w);
    rhs.set(gs, 0);
    rhs.set(ps, w);
    const r = await and(ctx, lhs, rhs);
    const ng = new Uint32Array(w);
    for (let i = 0; i < w; i++) ng[i] = g[i]! ^ r[i]!;
    g = ng;
    p = r.slice(w);
  }
  return { g, p: p0 };
}

/** XOR shares of x's 64-bit words. */
export async function a2b(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const n = x.length;
  const mine = limbs(x);
  const zero = new Uint32Array(2 * n);
  const [u, v] = ctx.party === 0 ? [mine, zero] : [zero, mine];
  const { g, p } = await prefixCarries(ctx, u, v);
  const carry = shl64(g, 1);
  const out = new BigUint64Array(n);
  const o = limbs(out);
  for (let i = 0; i < 2 * n; i++) o[i] = p[i]! ^ carry[i]!;
  return out;
}
