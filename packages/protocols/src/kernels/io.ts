/**
 * Input and output of shares. Semi-honest two-party additive sharing over Z_2^64 (arithmetic) and
 * XOR sharing (boolean).
 *
 * `input` needs no message: the mask r comes from the PRG both parties seeded jointly, the owner
 * keeps x − r and the other party keeps r. This is the usual "owner samples r and sends it", with the
 * sending replaced by shared randomness; the other party learns only the element count.
 */
import type { PartyId } from "@petace/network";
import type { ProtocolContext } from "../context.js";
import { wordCount, type Bits } from "./bits.js";
import type { Ring } from "./ring.js";

function checkInput(fn: string, ctx: ProtocolContext, owner: PartyId, data: ArrayLike<unknown> | null, expected: number): void {
  if (owner !== 0 && owner !== 1) throw new RangeError(`${fn}: owner must be 0 or 1, got ${String(owner)}`);
  if (ctx.party === owner) {
    if (data === null) throw new TypeError(`${fn}: party ${owner} owns the input and must pass its data`);
    if (data.length !== expected) throw new RangeError(`${fn}: data has ${data.length} entries, expected ${expected}`);
  } else if (data !== null) {
    throw new TypeError(`${fn}: party ${ctx.party} does not own the input and must pass null`);
  }
}

/** Shares `n` ring elements owned by `owner` (the other party passes null). 0 rounds, 0 bytes. */
export function input(ctx: ProtocolContext, owner: PartyId, data: Ring | null, n: number): Ring {
  checkInput("input", ctx, owner, data, n);
  const r = ctx.sharedPrg.ring(n);
  if (data === null) return r;
  for (let i = 0; i < n; i++) r[i] = BigInt.asUintN(64, data[i]! - r[i]!);
  return r;
}

/** Shares `n` packed bits owned by `owner`. 0 rounds, 0 bytes. */
export function inputBits(ctx: ProtocolContext, owner: PartyId, data: Bits | null, n: number): Bits {
  const words = wordCount(n);
  checkInput("inputBits", ctx, owner, data, words);
  const bytes = ctx.sharedPrg.bytes(words * 4);
  const r = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
  if (data !== null) for (let i = 0; i < words; i++) r[i]! ^= data[i]!;
  return r;
}

/** Opens x to both parties. 1 round; 8 bytes per element each way. */
export async function reveal(ctx: ProtocolContext, x: Ring): Promise<Ring> {
  const tag = ctx.op("reveal");
  ctx.sendRing(tag("share"), x.slice());
  const theirs = await ctx.recvRing(tag("share"), x.length);
  const out = new BigUint64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = BigInt.asUintN(64, x[i]! + theirs[i]!);
  return out;
}

/**
 * Opens x to party `to` only (the other party gets null and learns nothing). One message of 8 bytes
 * per element from the other party (half a round: the channel counts no round on either side).
 */
export async function revealTo(ctx: ProtocolContext, x: Ring, to: PartyId): Promise<Ring | null> {
  const tag = ctx.op("reveal-to");
  if (ctx.party !== to) {
    ctx.sendRing(tag("share"), x.slice());
    return null;
  }
  const theirs = await ctx.recvRing(tag("share"), x.length);
  const out = new BigUint64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = BigInt.asUintN(64, x[i]! + theirs[i]!);
  return out;
}

/** Opens n XOR-shared bits to both parties (bits past n cleared). 1 round; 4·ceil(n/32) bytes each way. */
export async function revealBits(ctx: ProtocolContext, x: Bits, n: number): Promise<Bits> {
  const tag = ctx.op("reveal-bits");
  const words = wordCount(n);
  ctx.channel.send(tag("share"), x.slice(0, words));
  const theirs = await ctx.recvWords(tag("share"), words);
  return xorMasked(x, theirs, n);
}

/** Opens n XOR-shared bits to party `to` only. One message of 4·ceil(n/32) bytes. */
export async function revealBitsTo(ctx: ProtocolContext, x: Bits, n: number, to: PartyId): Promise<Bits | null> {
  const tag = ctx.op("reveal-bits-to");
  const words = wordCount(n);
  if (ctx.party !== to) {
    ctx.channel.send(tag("share"), x.slice(0, words));
    return null;
  }
  const theirs = await ctx.recvWords(tag("share"), words);
  return xorMasked(x, theirs, n);
}

function xorMasked(x: Bits, y: Uint32Array, n: number): Bits {
  const words = wordCount(n);
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) out[i] = x[i]! ^ y[i]!;
  const r = n & 31;
  if (r !== 0) out[words - 1]! &= ((1 << r) - 1) >>> 0;
  return out;
}
