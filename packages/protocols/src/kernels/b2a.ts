/**
 * B2A with daBits (Rotaru–Wood, "MArBled Circuits", Indocrypt 2019; the bit-decomposition B2A of
 * ABY, Demmler et al. NDSS 2015, with the OTs moved offline). Semi-honest.
 *
 * For an XOR-shared bit b and a daBit r: open e = b ⊕ r (uniform, since r is), then
 * [b] = e + (1 − 2e)·[r]. A 64-bit XOR-shared word is Σ_j 2^j·[b_j], one daBit per bit.
 */
import type { ProtocolContext } from "../context.js";
import { wordCount, type Bits } from "./bits.js";
import { daBits } from "./correlated.js";
import { limbs, type Ring } from "./ring.js";

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
  return applyOpened(ctx.party === 0, e, db.arith, n);
}

/** [b] = e + (1 − 2e)[r] for public e (party 0 adds e). */
function applyOpened(p0: boolean, e: Uint32Array, r: Ring, n: number): Ring {
  const out = new BigUint64Array(n);
  for (let i = 0; i < n; i++) {
    const bit = (e[i >>> 5]! >>> (i & 31)) & 1;
    const ri = r[i]!;
    out[i] = bit === 0 ? ri : p0 ? BigInt.asUintN(64, 1n - ri) : BigInt.asUintN(64, -ri);
  }
  return out;
}

/**
 * Arithmetic shares of XOR-shared 64-bit words. 1 round; 8 bytes per element each way; 64 daBits
 * per element. Σ_j 2^j·[b_j] with [b_j] = e_j + (1 − 2e_j)[r_j] is Σ_j ±2^j·[r_j] plus (party 0) the
 * opened word e itself.
 */
export async function b2a(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const n = x.length;
  const words = 2 * n;
  const tag = ctx.op("b2a");
  const db = await daBits(ctx, 64 * n);
  const e = new Uint32Array(words);
  const xl = limbs(x);
  for (let i = 0; i < words; i++) e[i] = xl[i]! ^ db.bits[i]!;
  ctx.channel.send(tag("open"), e.slice());
  const theirs = await ctx.recvWords(tag("open"), words);
  for (let i = 0; i < words; i++) e[i]! ^= theirs[i]!;
  const out = ctx.party === 0 ? new BigUint64Array(e.buffer.slice(0), 0, n) : new BigUint64Array(n);
  // Blocks of 64 elements keep their 64×64 daBit shares (32 KiB) in L1 while the columns sweep them.
  const coef = new BigUint64Array(128);
  for (let j = 0; j < 64; j++) {
    coef[2 * j] = 1n << BigInt(j);
    coef[2 * j + 1] = BigInt.asUintN(64, -(1n << BigInt(j)));
  }
  for (let i0 = 0; i0 < n; i0 += 64) {
    const i1 = Math.min(n, i0 + 64);
    for (let j = 0; j < 64; j++) addBitColumn(out, db.arith, e, j, coef, i0, i1);
  }
  return out;
}

/**
 * out[i] += ±2^j·r[64i + j] for i in [i0, i1), minus when bit j of element i's opened word is set.
 * ±2^j come from a typed-array load: a BigInt select would keep V8 from lowering the loop to int64.
 */
function addBitColumn(out: Ring, r: Ring, e: Uint32Array, j: number, coef: BigUint64Array, i0: number, i1: number): void {
  const w = j >>> 5, s = j & 31;
  for (let i = i0; i < i1; i++) {
    const bit = (e[2 * i + w]! >>> s) & 1;
    out[i] = BigInt.asUintN(64, out[i]! + coef[2 * j + bit]! * r[64 * i + j]!);
  }
}
