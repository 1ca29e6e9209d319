/**
 * Narrow bit decompositions for values known to be small (the integer part in `exp`): an 8-bit
 * Kogge–Stone A2B on byte lanes (four lanes per 32-bit word, shifts masked per lane), bit planes of
 * the bytes, and one-hot decoding of 4-bit groups by AND trees. Semi-honest GMW with AND triples.
 * @internal
 */
import type { ProtocolContext } from "../context.js";
import { concatWords } from "../values.js";
import { and } from "./boolean.js";
import { limbs, type Ring } from "./ring.js";

/** Lane masks clearing the low k bits of every byte (for k-bit left shifts inside lanes). */
const LANE_MASK: Record<number, number> = { 1: 0xfefefefe, 2: 0xfcfcfcfc, 4: 0xf0f0f0f0 };

/**
 * XOR shares of (x mod 2^8) for every element, one byte each (Uint8Array of 4·ceil(n/4) bytes).
 * Correct as a signed value when x ∈ [−128, 127]. 4 rounds; 6 byte-ANDs = 48 bit triples and
 * 12 bytes per element each way.
 */
export async function a2b8(ctx: ProtocolContext, x: Ring): Promise<Uint8Array> {
  const n = x.length;
  const words = (n + 3) >>> 2;
  const own = new Uint8Array(words * 4);
  const l = limbs(x);
  for (let i = 0; i < n; i++) own[i] = l[2 * i]! & 0xff;
  const ownW = new Uint32Array(own.buffer);
  const zero = new Uint32Array(words);
  const [u, v] = ctx.party === 0 ? [ownW, zero] : [zero, ownW];
  let g = await and(ctx, u, v);
  const p0 = new Uint32Array(words);
  for (let i = 0; i < words; i++) p0[i] = u[i]! ^ v[i]!;
  let p = p0;
  for (const k of [1, 2, 4]) {
    const m = LANE_MASK[k]!;
    const gs = new Uint32Array(words),
      ps = new Uint32Array(words);
    for (let i = 0; i < words; i++) {
      gs[i] = (g[i]! << k) & m;
      ps[i] = (p[i]! << k) & m;
    }
    if (k === 4) {
      const r = await and(ctx, p, gs);
      const ng = new Uint32Array(words);
      for (let i = 0; i < words; i++) ng[i] = g[i]! ^ r[i]!;
      g = ng;
      break;
    }
    const r = await and(ctx, concatWords([p, p]), concatWords([gs, ps]));
    const ng = new Uint32Array(words);
    for (let i = 0; i < words; i++) ng[i] = g[i]! ^ r[i]!;
    g = ng;
    p = r.slice(words);
  }
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) out[i] = p0[i]! ^ ((g[i]! << 1) & LANE_MASK[1]!);
  return new Uint8Array(out.buffer);
}

/** Plane j (j < 8) of n bytes: W = ceil(n/32) words each, concatenated. Local. */
export function bytePlanes(bytes: Uint8Array, n: number): Uint32Array[] {
  const W = (n + 31) >>> 5;
  const planes: Uint32Array[] = [];
  for (let j = 0; j < 8; j++) planes.push(new Uint32Array(W));
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    const w = i >>> 5,
      s = i & 31;
    for (let j = 0; j < 8; j++) planes[j]![w]! |= ((b >>> j) & 1) << s;
  }
  return planes;
}

export interface DecodeGroup {
  /** Four planes b0..b3 (XOR shares), the group's value is Σ 2^j b_j. */
  planes: readonly Uint32Array[];
  /** Values v ∈ [0, 15] whose indicator [value = v] is wanted. */
  values: readonly number[];
}

/**
 * Indicator planes [group = v] for every requested v (XOR shares), all groups batched:
 * level 1 forms the 4 minterms of (b0, b1) and of (b2, b3), level 2 ANDs the two halves.
 * 2 rounds; 8 + |values| plane-ANDs per group.
 */
export async function decode4(ctx: ProtocolContext, groups: readonly DecodeGroup[]): Promise<Uint32Array[][]> {
  const W = groups[0]?.planes[0]?.length ?? 0;
  const lit = (p: Uint32Array, one: boolean): Uint32Array => (one || ctx.party !== 0 ? p : p.map((v) => ~v));
  const lhs: Uint32Array[] = [],
    rhs: Uint32Array[] = [];
  for (const g of groups) {
    for (const [a, b] of [
      [0, 1],
      [2, 3],
    ] as const) {
      for (let v = 0; v < 4; v++) {
        lhs.push(lit(g.planes[a]!, (v & 1) === 1));
        rhs.push(lit(g.planes[b]!, (v & 2) === 2));
      }
    }
  }
  const l1 = await and(ctx, concatWords(lhs), concatWords(rhs));
  const minterm = (gi: number, half: number, v: number): Uint32Array =>
    l1.subarray(((gi * 2 + half) * 4 + v) * W, ((gi * 2 + half) * 4 + v + 1) * W);
  const lhs2: Uint32Array[] = [],
    rhs2: Uint32Array[] = [];
  groups.forEach((g, gi) => {
    for (const v of g.values) {
      lhs2.push(minterm(gi, 0, v & 3));
      rhs2.push(minterm(gi, 1, v >>> 2));
    }
  });
  const l2 = await and(ctx, concatWords(lhs2), concatWords(rhs2));
  const out: Uint32Array[][] = [];
  let k = 0;
  for (const g of groups) {
    const planes: Uint32Array[] = [];
    for (let j = 0; j < g.values.length; j++, k++) planes.push(l2.subarray(k * W, (k + 1) * W));
    out.push(planes);
  }
  return out;
}
