/**
 * Correlations in the shapes the kernels use: boolean triples as 32-bit words, daBits from the
 * provider or, when it has no `daBits`, derived from arithmetic triples.
 * @internal
 */
import type { ProtocolContext } from "../context.js";
import { asWords, wordCount } from "./bits.js";
import type { Ring } from "./ring.js";

/** 0n and 1n, indexed by a bit. */
const BIT = /* @__PURE__ */ new BigUint64Array([0n, 1n]);

export interface WordTriples {
  a: Uint32Array;
  b: Uint32Array;
  c: Uint32Array;
}

/** AND triples for `words` 32-bit words (32·words bit triples). */
export async function wordTriples(ctx: ProtocolContext, words: number): Promise<WordTriples> {
  const t = await ctx.correlations.boolTriples(words * 32);
  return { a: asWords(t.a, words), b: asWords(t.b, words), c: asWords(t.c, words) };
}

export interface WordDaBits {
  /** XOR share of r, packed in words. */
  bits: Uint32Array;
  /** Arithmetic share of r. */
  arith: Ring;
}

/**
 * `n` daBits. Without provider support: party 0 draws r0, party 1 draws r1 (private bits), and one
 * Beaver product on arithmetic triples gives [r0·r1], so [r0 ⊕ r1] = r0 + r1 − 2[r0·r1]; one round,
 * 16 bytes per bit each way.
 */
export async function daBits(ctx: ProtocolContext, n: number): Promise<WordDaBits> {
  const words = wordCount(n);
  if (ctx.correlations.daBits) {
    const d = await ctx.correlations.daBits(n);
    return { bits: asWords(d.bits, words), arith: d.arith };
  }
  const tag = ctx.op("dabits-from-triples");
  const t = await ctx.correlations.arithTriples(n);
  const mine = ctx.prg.bits(n);
  const x = new BigUint64Array(n); // r0 for party 0, r1 for party 1, as ring elements
  // The private bit as a ring element by index, not by a branch on it.
  for (let i = 0; i < n; i++) x[i] = BIT[(mine[i >>> 3]! >>> (i & 7)) & 1]!;
  // Party 0's x is the left factor, party 1's the right one; the other factor's share is 0.
  const p0 = ctx.party === 0;
  const de = new BigUint64Array(2 * n);
  for (let i = 0; i < n; i++) {
    de[i] = BigInt.asUintN(64, (p0 ? x[i]! : 0n) - t.a[i]!);
    de[n + i] = BigInt.asUintN(64, (p0 ? 0n : x[i]!) - t.b[i]!);
  }
  ctx.sendRing(tag("open"), de.slice());
  const theirs = await ctx.recvRing(tag("open"), 2 * n);
  const arith = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const d = BigInt.asUintN(64, de[i]! + theirs[i]!);
    const e = BigInt.asUintN(64, de[n + i]! + theirs[n + i]!);
    const left = p0 ? x[i]! : 0n;
    const z = BigInt.asUintN(64, left * e + d * t.b[i]! + t.c[i]!);
    arith[i] = BigInt.asUintN(64, x[i]! - 2n * z);
  }
  return { bits: asWords(mine, words), arith };
}
