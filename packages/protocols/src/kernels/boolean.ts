/**
 * Boolean kernels on packed XOR shares (GMW, Goldreich–Micali–Wigderson 1987, with Beaver's AND
 * triples as in ABY, Demmler et al. NDSS 2015). Semi-honest. XOR, NOT and operations with public
 * bits are local; AND costs 1 round, 8 bytes per 32-bit word each way (open d = x ⊕ a and e = y ⊕ b),
 * and 32 bit triples per word.
 */
import type { ProtocolContext } from "../context.js";
import type { Bits } from "./bits.js";
import { wordTriples } from "./correlated.js";

function sameWords(fn: string, x: Uint32Array, y: Uint32Array): void {
  if (x.length !== y.length) throw new RangeError(`${fn}: operands have ${x.length} and ${y.length} words`);
}

export function xor(x: Bits, y: Bits): Bits {
  sameWords("xor", x, y);
  const out = new Uint32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! ^ y[i]!;
  return out;
}

/** Party 0 flips its share. */
export function not(ctx: ProtocolContext, x: Bits): Bits {
  const out = x.slice();
  if (ctx.party === 0) for (let i = 0; i < out.length; i++) out[i] = ~out[i]!;
  return out;
}

export function xorPublic(ctx: ProtocolContext, x: Bits, p: Bits): Bits {
  sameWords("xorPublic", x, p);
  const out = x.slice();
  if (ctx.party === 0) for (let i = 0; i < out.length; i++) out[i]! ^= p[i]!;
  return out;
}

export function andPublic(x: Bits, p: Bits): Bits {
  sameWords("andPublic", x, p);
  const out = new Uint32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! & p[i]!;
  return out;
}

/**
 * Word-wise AND of XOR-shared words. 1 round; 8 bytes per word each way; 32 bit triples per word.
 * Callers batch independent ANDs of one level into one call by concatenating their words.
 */
export async function and(ctx: ProtocolContext, x: Uint32Array, y: Uint32Array): Promise<Uint32Array> {
  sameWords("and", x, y);
  const rider = ctx.andRider;
  if (rider) {
    // Independent AND work of another part of the kernel shares this round (context.ts AndRider).
    ctx.andRider = null;
    const w0 = x.length;
    const all = await and(ctx, concat(x, rider.x), concat(y, rider.y));
    rider.done(all.slice(w0));
    return all.slice(0, w0);
  }
  const w = x.length;
  const tag = ctx.op("and");
  const t = await wordTriples(ctx, w);
  const de = new Uint32Array(2 * w);
  for (let i = 0; i < w; i++) {
    de[i] = x[i]! ^ t.a[i]!;
    de[w + i] = y[i]! ^ t.b[i]!;
  }
  const got = await ctx.exchangeRiding(tag("open"), de.slice());
  const theirs = new Uint32Array(got.buffer, got.byteOffset, 2 * w);
  const out = new Uint32Array(w);
  const p0 = ctx.party === 0 ? -1 : 0;
  for (let i = 0; i < w; i++) {
    const d = de[i]! ^ theirs[i]!,
      e = de[w + i]! ^ theirs[w + i]!;
    // z = c ⊕ (d ∧ b) ⊕ (e ∧ a) ⊕ (d ∧ e, party 0 only)
    out[i] = t.c[i]! ^ (d & t.b[i]!) ^ (e & t.a[i]!) ^ (d & e & p0);
  }
  return out;
}

/** x ∨ y = x ⊕ y ⊕ (x ∧ y). Same cost as `and`. */
export async function or(ctx: ProtocolContext, x: Bits, y: Bits): Promise<Bits> {
  const a = await and(ctx, x, y);
  for (let i = 0; i < a.length; i++) a[i]! ^= x[i]! ^ y[i]!;
  return a;
}

function concat(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
