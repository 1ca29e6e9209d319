/**
 * B2A with daBits (Rotaru–Wood, "MArBled Circuits", Indocrypt 2019; the bit-decomposition B2A of
 * ABY, Demmler et al. NDSS 2015, with the OTs moved offline). Semi-honest.
 *
 * For an XOR-shared bit b and a daBit r: open e = b ⊕ r (uniform, since r is), then
 * [b] = e + (1 − 2e)·[r].
 */
import type { ProtocolContext } from "../context.js";
import { wordCount, type Bits } from "./bits.js";
import { daBits } from "./correlated.js";
import type { Ring } from "./ring.js";

/**
 * 0/1 integers (not fixed point) from n XOR-shared bits. 1 round; 4·ceil(n/32) bytes each way;
 * n daBits.
 */
export async function bitToArith(ctx: ProtocolContext, b: Bits, n: number): Promise<Ring> {
  const words = wordCount(n);
  if (b.length < words) throw new RangeError(`bitToArith: ${b.length} words hold fewer than ${n} bits`);
  const tag = ctx.op("b2a-bit");
  const db = await daBits(ctx, n);
  const e = new Uint32Array(words);
  for (let i = 0; i < words; i++) e[i] = b[i]! ^ db.bits[i]!;
  ctx.channel.send(tag("open"), e.slice());
  const theirs = await ctx.recvWords(tag("open"), words);
  for (let i = 0; i < words; i++) e[i]! ^= theirs[i]!;
  return openedToArith(ctx.party === 0, e, db.arith, n);
}

/**
 * [b] = e + (1 − 2e)[r] for the public e = b ⊕ r of n bits and daBits' arithmetic shares [r]
 * (party 0 adds e). Local.
 */
export function openedToArith(p0: boolean, e: Uint32Array, r: Ring, n: number): Ring {
  const out = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const bit = (e[i >>> 5]! >>> (i & 31)) & 1;
    const ri = r[i]!;
    out[i] = bit === 0 ? ri : p0 ? BigInt.asUintN(64, 1n - ri) : BigInt.asUintN(64, -ri);
  }
  return out;
}
