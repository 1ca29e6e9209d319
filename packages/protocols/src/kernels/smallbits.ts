/**
 * Narrow bit decompositions for values known to be small (the integer part in `exp`): the one-hot
 * indicators of a byte's two nibbles, as AND steps that can run alone or ride on the AND rounds of
 * independent work. Semi-honest GMW with AND triples.
 * @internal
 */
import type { ProtocolContext } from "../context.js";
import { concatWords } from "../values.js";
import { and } from "./boolean.js";
import { limbs, type Ring } from "./ring.js";

/** Lane masks clearing the low k bits of every byte (for k-bit left shifts inside lanes). */
const LANE_MASK: Record<number, number> = { 1: 0xfefefefe, 2: 0xfcfcfcfc, 4: 0xf0f0f0f0 };

/** A kernel's AND work as steps: each yields one batch (x, y) and receives x ∧ y; returns its result. */
export type AndSteps<T> = Generator<readonly [Uint32Array, Uint32Array], T, Uint32Array>;

/** Runs the steps on their own, one `and` round each. */
export async function runSteps<T>(ctx: ProtocolContext, steps: AndSteps<T>): Promise<T> {
  let st = steps.next(new Uint32Array(0));
  while (!st.done) st = steps.next(await and(ctx, st.value[0], st.value[1]));
  return st.value;
}

/**
 * Arms the steps to ride on the `and` rounds that other work of the same kernel runs meanwhile
 * (context.ts AndRider); the returned `finish` runs what is left on its own and gives the result.
 * Both parties run the same kernel, so the same `and` calls absorb the same steps.
 */
export function rideSteps<T>(ctx: ProtocolContext, steps: AndSteps<T>): () => Promise<T> {
  if (ctx.andRider) throw new Error("rideSteps: another kernel's AND steps are still riding");
  let st = steps.next(new Uint32Array(0));
  const arm = (): void => {
    if (st.done) return;
    ctx.andRider = {
      x: st.value[0],
      y: st.value[1],
      done: (z) => {
        st = steps.next(z);
        arm();
      },
    };
  };
  arm();
  return async () => {
    ctx.andRider = null;
    while (!st.done) st = steps.next(await and(ctx, st.value[0], st.value[1]));
    return st.value;
  };
}

export interface ByteIndicators {
  /** [x mod 16 = v] for v = 0..15 (times `keep` when given), W words each. */
  lo: Uint32Array[];
  /** [(x mod 256) >> 4 = v] for the requested v, W words each. */
  hi: Uint32Array[];
}

/**
 * XOR shares of the one-hot indicators of the two nibbles of (x mod 2^8), for x ∈ [−128, 127] read
 * as a signed byte: an 8-bit Kogge–Stone A2B on byte lanes (four lanes per 32-bit word, shifts
 * masked per lane) and one-hot decoding of each nibble by a 2-level AND tree, in 6 AND steps: the
 * low nibble's carries are known after the third step, so its decoding overlaps the adder's last
 * step and the high nibble's first level; `keep` (XOR-shared bits) is ANDed into the low lines in
 * the last step. Per element: 48 bit-ANDs for the adder, 8 + 16 for the low nibble, 8 + |hiValues|
 * for the high one, 16 for `keep`.
 */
export function* byteIndicatorSteps(
  party: 0 | 1,
  x: Ring,
  hiValues: readonly number[],
  keep: Uint32Array | null,
): AndSteps<ByteIndicators> {
  const n = x.length;
  const words = (n + 3) >>> 2;
  const own = new Uint8Array(words * 4);
  const l = limbs(x);
  for (let i = 0; i < n; i++) own[i] = l[2 * i]! & 0xff;
  const ownW = new Uint32Array(own.buffer);
  const zero = new Uint32Array(words);
  const [u, v] = party === 0 ? [ownW, zero] : [zero, ownW];
  let g = yield [u, v];
  const p0 = new Uint32Array(words);
  for (let i = 0; i < words; i++) p0[i] = u[i]! ^ v[i]!;
  let p = p0;
  const shifted = (a: Uint32Array, k: number): Uint32Array => a.map((w) => (w << k) & LANE_MASK[k]!);
  const sum = (): Uint8Array => {
    const out = new Uint32Array(words);
    for (let i = 0; i < words; i++) out[i] = p0[i]! ^ ((g[i]! << 1) & LANE_MASK[1]!);
    return new Uint8Array(out.buffer);
  };
  for (const k of [1, 2]) {
    const r = yield [concatWords([p, p]), concatWords([shifted(g, k), shifted(p, k)])];
    g = xorWords(g, r.subarray(0, words));
    p = r.slice(words);
  }
  // Spans of 4 bits: the carries into bits 1..4, so the low nibble, are final.
  const W = (n + 31) >>> 5;
  const loPlanes = bytePlanes(sum(), n).slice(0, 4);
  const lo1 = minterms(party, loPlanes);
  const r4 = yield [concatWords([p, ...lo1[0]]), concatWords([shifted(g, 4), ...lo1[1]])];
  g = xorWords(g, r4.subarray(0, words));
  const loM = split(r4.subarray(words), W);
  const hiPlanes = bytePlanes(sum(), n).slice(4, 8);
  const hi1 = minterms(party, hiPlanes);
  const lhs5: Uint32Array[] = [],
    rhs5: Uint32Array[] = [];
  for (let val = 0; val < 16; val++) {
    lhs5.push(loM[val & 3]!);
    rhs5.push(loM[4 + (val >>> 2)]!);
  }
  const r5 = yield [concatWords([...lhs5, ...hi1[0]]), concatWords([...rhs5, ...hi1[1]])];
  const parts5 = split(r5, W);
  const lo = parts5.slice(0, 16);
  const hiM = parts5.slice(16);
  const lhs6: Uint32Array[] = hiValues.map((val) => hiM[val & 3]!),
    rhs6: Uint32Array[] = hiValues.map((val) => hiM[4 + (val >>> 2)]!);
  if (keep) {
    lhs6.push(...lo);
    for (let j = 0; j < 16; j++) rhs6.push(keep);
  }
  const parts6 = split(yield [concatWords(lhs6), concatWords(rhs6)], W);
  return { lo: keep ? parts6.slice(hiValues.length) : lo, hi: parts6.slice(0, hiValues.length) };
}

/** The AND operands of the 4 minterms of (b0, b1) and the 4 of (b2, b3), in that order. */
function minterms(party: 0 | 1, planes: readonly Uint32Array[]): [Uint32Array[], Uint32Array[]] {
  const lit = (pl: Uint32Array, one: boolean): Uint32Array => (one || party !== 0 ? pl : pl.map((w) => ~w));
  const lhs: Uint32Array[] = [],
    rhs: Uint32Array[] = [];
  for (const [a, b] of [
    [0, 1],
    [2, 3],
  ] as const) {
    for (let val = 0; val < 4; val++) {
      lhs.push(lit(planes[a]!, (val & 1) === 1));
      rhs.push(lit(planes[b]!, (val & 2) === 2));
    }
  }
  return [lhs, rhs];
}

function split(a: Uint32Array, W: number): Uint32Array[] {
  const out: Uint32Array[] = [];
  for (let off = 0; off < a.length; off += W) out.push(a.slice(off, off + W));
  return out;
}

function xorWords(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
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
