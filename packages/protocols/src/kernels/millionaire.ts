/**
 * The carry out of the low `bits` bits of the shares' sum, c = [lo0 + lo1 ≥ 2^bits] with
 * lo_i = x_i mod 2^bits, by the millionaires' protocol of CrypTFlow2 (Rathee et al., CCS 2020, §3;
 * m = 4-bit leaves), with its 1-out-of-16 OTs precomputed from random OTs. Semi-honest. The msb
 * asks for bits = 63; exact truncation by s for bits = s (the carry of SIRNN's exact truncation,
 * Rathee et al., S&P 2021, §3).
 *
 * c = [S < R] for S = 2^bits − 1 − lo of the "sender" party (its complement in `bits` bits) and
 * R = lo of the other. Half the elements have party 0 as sender, half party 1 (balanced work, both
 * directions at once).
 *
 * Leaves: S and R are cut into L = ⌈bits/4⌉ chunks of 4 bits (the top one bits − 4(L − 1) bits).
 * For each chunk the sender picks random share bits (s_lt, s_eq) and sends, through a 1-out-of-16
 * OT on the receiver's chunk value v, the bits ([S_i < v] ⊕ s_lt, [S_i = v] ⊕ s_eq).
 *   The 1-of-16 OT with 2-bit messages comes from 4 random 1-of-2 OTs (offline) with keys k_{j,b}:
 *   the pad of index v is bit v (lt) and bit 16+v (eq) of ⊕_j k_{j,v_j}. Every (key, bit) pair
 *   serves one index only, so for v ≠ c the receiver (who holds k_{j,c_j}) sees independent uniform
 *   pads. Online the receiver sends d = v ⊕ c (4 bits), the sender the 16 masked entries permuted by
 *   d (32 bits), and the receiver unmasks entry v with its pad of c.
 * Tree: lt = lt_hi ⊕ (eq_hi ∧ lt_lo), eq = eq_hi ∧ eq_lo over the L leaves (the carry tree of
 * planes.ts: ⌈log2 L⌉ rounds).
 *
 * Cost per element: 2 + ⌈log2 L⌉ rounds; 4L random OTs; the sender's L table words (4L bytes), the
 * receiver's L choices (L/2 bytes), the tree's ANDs (26 for L = 16, 4 for L = 4) of packed words.
 */
import type { ProtocolContext } from "../context.js";
import type { Bits } from "./bits.js";
import { carryTree, transpose32 } from "./planes.js";
import { limbs, type Ring } from "./ring.js";

/** Masks of the indices v with bit j set. */
const ONE = [0xaaaa, 0xcccc, 0xf0f0, 0xff00].map((m) => (m | (m << 16)) >>> 0);
/** Swap masks for the XOR-permutation of 16-entry tables (two tables per word). */
const SWAP = [0x55555555, 0x33333333, 0x0f0f0f0f, 0x00ff00ff];

/** Entry v of the result is entry v ⊕ d of x (both 16-bit halves). */
function permute(x: number, d: number): number {
  for (let k = 0; k < 4; k++) {
    const s = 1 << k;
    const sw = ((x & SWAP[k]!) << s) | ((x >>> s) & SWAP[k]!);
    const m = -((d >>> k) & 1);
    x = (sw & m) | (x & ~m);
  }
  return x >>> 0;
}

/** Leaf layout of `bits`-bit values: L chunks, the top one masked to its width. */
interface Leaves {
  readonly count: number;
  readonly topMask: number;
}

function leaves(bits: number): Leaves {
  const count = Math.ceil(bits / 4);
  return { count, topMask: (1 << (bits - 4 * (count - 1))) - 1 };
}

/** 4-bit chunk i (0 = least significant) of the value (lo, hi limbs), cut to the leaves' width. */
function chunk(lo: number, hi: number, i: number, lv: Leaves): number {
  const c = i < 8 ? (lo >>> (4 * i)) & 15 : (hi >>> (4 * (i - 8))) & 15;
  return i === lv.count - 1 ? c & lv.topMask : c;
}

/** Elements per random-OT fetch (at most 64 OTs each: 16 MiB of raw messages per side and chunk). */
const ROT_CHUNK = 1 << 14;

/** Sender pad words of elements [from, to) (role-relative) from OT chunk starting at element `off`. */
function senderPads(padS: Uint32Array, m0: Uint32Array, m1: Uint32Array, off: number, to: number, L: number): void {
  for (let e = off; e < to; e++) {
    for (let i = 0; i < L; i++) {
      const base = ((e - off) * L + i) * 4;
      let pad = 0;
      for (let j = 0; j < 4; j++) pad ^= (m0[4 * (base + j)]! & ~ONE[j]!) | (m1[4 * (base + j)]! & ONE[j]!);
      padS[e * L + i] = pad;
    }
  }
}

/** Receiver choices c (4 bits per leaf) and pad words ⊕_j k_{j,c_j} of elements [off, to). */
function receiverPads(
  padC: Uint32Array,
  cVal: Uint8Array,
  rcv: Uint32Array,
  choices: Uint8Array,
  off: number,
  to: number,
  L: number,
): void {
  for (let e = off; e < to; e++) {
    for (let i = 0; i < L; i++) {
      const base = ((e - off) * L + i) * 4;
      // 4 consecutive choice bits; base is a multiple of 4, so they share a byte.
      cVal[e * L + i] = (choices[base >>> 3]! >>> (base & 7)) & 15;
      padC[e * L + i] = rcv[4 * base]! ^ rcv[4 * (base + 1)]! ^ rcv[4 * (base + 2)]! ^ rcv[4 * (base + 3)]!;
    }
  }
}

/** XOR shares of [x0 mod 2^bits + x1 mod 2^bits ≥ 2^bits], bits in [1, 63] (doc above). */
export async function carryMillionaire(ctx: ProtocolContext, x: Ring, bits: number): Promise<Bits> {
  if (!Number.isInteger(bits) || bits < 1 || bits > 63)
    throw new RangeError(`carryMillionaire: bits must be an integer in [1, 63], got ${bits}`);
  const n = x.length;
  const provider = ctx.correlations;
  if (!provider.randomOts) throw new Error("carryMillionaire: the triple provider has no randomOts");
  const lv = leaves(bits);
  const L = lv.count;
  const tag = ctx.op("millionaire");
  const p0 = ctx.party === 0;
  const h = (n + 1) >>> 1; // elements [0, h): party 0 is the sender; [h, n): party 1
  const [sLo, sHi] = p0 ? [0, h] : [h, n]; // this party's sender elements
  const [rLo, rHi] = p0 ? [h, n] : [0, h]; // this party's receiver elements
  const ns = sHi - sLo,
    nr = rHi - rLo;
  // Offline part, in chunks so the raw 16-byte OT messages never all sit in memory: the sender's
  // 16-entry pad words, the receiver's choices c and its pad words of c.
  const padS = new Uint32Array(L * ns);
  const padC = new Uint32Array(L * nr);
  const cVal = new Uint8Array(L * nr);
  for (let off = 0; off < h; off += ROT_CHUNK) {
    const cnt = Math.min(ROT_CHUNK, h - off);
    const ots = await provider.randomOts(4 * L * cnt);
    const m0 = new Uint32Array(ots.m0.buffer, ots.m0.byteOffset, ots.m0.byteLength >>> 2);
    const m1 = new Uint32Array(ots.m1.buffer, ots.m1.byteOffset, ots.m1.byteLength >>> 2);
    const rcv = new Uint32Array(ots.received.buffer, ots.received.byteOffset, ots.received.byteLength >>> 2);
    senderPads(padS, m0, m1, off, Math.min(off + cnt, ns), L);
    receiverPads(padC, cVal, rcv, ots.choices, off, Math.min(off + cnt, nr), L);
  }
  const xl = limbs(x);

  // Flow 1 (receiver): d = v ⊕ c per leaf, packed 4 bits per leaf (leaf q = e·L + i).
  const dMsg = new Uint32Array((L * nr + 7) >>> 3);
  for (let e = 0; e < nr; e++) {
    const lo = xl[2 * (rLo + e)]!,
      hi = xl[2 * (rLo + e) + 1]!;
    for (let i = 0; i < L; i++) {
      const q = e * L + i;
      const d = chunk(lo, hi, i, lv) ^ cVal[q]!;
      dMsg[q >>> 3]! |= d << (4 * (q & 7));
    }
  }
  ctx.channel.send(tag("choice"), dMsg);
  const dIn = await ctx.recvWords(tag("choice"), (L * ns + 7) >>> 3);

  // Flow 2 (sender): the 16 permuted, masked entries of each leaf; shares are random bits.
  const table = new Uint32Array(L * ns);
  const shareBytes = ctx.prg.bytes(4 * ns);
  const shares = new Uint32Array(shareBytes.buffer, shareBytes.byteOffset, ns); // bits 0..15 lt, 16..31 eq
  for (let e = 0; e < ns; e++) {
    const lo = ~xl[2 * (sLo + e)]!,
      hi = ~xl[2 * (sLo + e) + 1]!;
    const sh = shares[e]!;
    for (let i = 0; i < L; i++) {
      const q = e * L + i;
      const pad = padS[q]!;
      const s = chunk(lo, hi, i, lv);
      const lt = (0xffff << (s + 1)) & 0xffff; // v > s
      const eq = 1 << s;
      const mask = (-((sh >>> i) & 1) & 0xffff) | (-((sh >>> (16 + i)) & 1) << 16);
      const d = (dIn[q >>> 3]! >>> (4 * (q & 7))) & 15;
      table[q] = (lt | (eq << 16)) ^ mask ^ permute(pad, d);
    }
  }
  ctx.channel.send(tag("table"), table);
  const tIn = await ctx.recvWords(tag("table"), L * nr);

  // Leaf shares per element as one word (bit i: lt of chunk i, bit 16+i: eq), then planes.
  const leaf = new Uint32Array(n);
  for (let e = 0; e < ns; e++) leaf[sLo + e] = shares[e]!;
  for (let e = 0; e < nr; e++) {
    const lo = xl[2 * (rLo + e)]!,
      hi = xl[2 * (rLo + e) + 1]!;
    let w = 0;
    for (let i = 0; i < L; i++) {
      const q = e * L + i;
      const v = chunk(lo, hi, i, lv),
        c = cVal[q]!;
      const t = tIn[q]!,
        p = padC[q]!;
      w |= (((t >>> v) ^ (p >>> c)) & 1) << i;
      w |= (((t >>> (16 + v)) ^ (p >>> (16 + c))) & 1) << (16 + i);
    }
    leaf[rLo + e] = w;
  }
  const W = (n + 31) >>> 5;
  const planes = new Uint32Array(32 * W); // plane q (0..15 lt, 16..31 eq) at [q·W, (q+1)·W)
  const blk = new Uint32Array(32);
  for (let b = 0; b < W; b++) {
    const cnt = Math.min(32, n - 32 * b);
    for (let k = 0; k < cnt; k++) blk[k] = leaf[32 * b + k]!;
    blk.fill(0, cnt);
    transpose32(blk);
    for (let q = 0; q < 32; q++) planes[q * W + b] = blk[q]!;
  }
  const carry = await carryTree(ctx, planes.subarray(0, L * W), planes.subarray(16 * W, (16 + L) * W), L, W);
  return carry.slice(0, W);
}
