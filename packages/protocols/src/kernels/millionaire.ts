/**
 * MSB by the millionaires' protocol of CrypTFlow2 (Rathee et al., CCS 2020, §3; m = 4-bit leaves),
 * with its 1-out-of-16 OTs precomputed from random OTs. Semi-honest.
 *
 * msb(x) = msb(x0) ⊕ msb(x1) ⊕ c with c = [lo0 + lo1 ≥ 2^63] (lo = low 63 bits of a share), and
 * c = [S < R] for S = ¬lo of the "sender" party (63-bit complement) and R = lo of the other. Half the
 * elements have party 0 as sender, half party 1 (balanced work, both directions at once).
 *
 * Leaves: S and R are cut into 16 chunks of 4 bits (the top one 3 bits). For each chunk the sender
 * picks random share bits (s_lt, s_eq) and sends, through a 1-out-of-16 OT on the receiver's chunk
 * value v, the bits ([S_i < v] ⊕ s_lt, [S_i = v] ⊕ s_eq).
 *   The 1-of-16 OT with 2-bit messages comes from 4 random 1-of-2 OTs (offline) with keys k_{j,b}:
 *   the pad of index v is bit v (lt) and bit 16+v (eq) of ⊕_j k_{j,v_j}. Every (key, bit) pair
 *   serves one index only, so for v ≠ c the receiver (who holds k_{j,c_j}) sees independent uniform
 *   pads. Online the receiver sends d = v ⊕ c (4 bits), the sender the 16 masked entries permuted by
 *   d (32 bits), and the receiver unmasks entry v with its pad of c.
 * Tree: lt = lt_hi ⊕ (eq_hi ∧ lt_lo), eq = eq_hi ∧ eq_lo over 16 leaves (the carry tree of
 * planes.ts: 26 ANDs, 4 rounds).
 *
 * Cost per element: 6 rounds; 64 random OTs and 26 AND triples; online ≈ 36 + 6.5 bytes each way.
 * (The carry-tree msb needs 181 AND triples ≈ 362 random OTs.)
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

/** 4-bit chunk i (0 = least significant) of the 63-bit value (lo, hi limbs). */
function chunk(lo: number, hi: number, i: number): number {
  if (i < 8) return (lo >>> (4 * i)) & 15;
  return (hi >>> (4 * (i - 8))) & (i === 15 ? 7 : 15);
}

/** Elements per random-OT fetch (64 OTs each: 16 MiB of raw messages per side and chunk). */
const ROT_CHUNK = 1 << 14;

/** Sender pad words of elements [from, to) (role-relative) from OT chunk starting at element `off`. */
function senderPads(padS: Uint32Array, m0: Uint32Array, m1: Uint32Array, off: number, to: number): void {
  for (let e = off; e < to; e++) {
    for (let i = 0; i < 16; i++) {
      const base = ((e - off) * 16 + i) * 4;
      let pad = 0;
      for (let j = 0; j < 4; j++) pad ^= (m0[4 * (base + j)]! & ~ONE[j]!) | (m1[4 * (base + j)]! & ONE[j]!);
      padS[e * 16 + i] = pad;
    }
  }
}

/** Receiver choices c (4 bits per leaf) and pad words ⊕_j k_{j,c_j} of elements [off, to). */
function receiverPads(padC: Uint32Array, cVal: Uint8Array, rcv: Uint32Array, choices: Uint8Array, off: number, to: number): void {
  for (let e = off; e < to; e++) {
    for (let i = 0; i < 16; i++) {
      const base = ((e - off) * 16 + i) * 4;
      // 4 consecutive choice bits; base is a multiple of 4, so they share a byte.
      cVal[e * 16 + i] = (choices[base >>> 3]! >>> (base & 7)) & 15;
      padC[e * 16 + i] = rcv[4 * base]! ^ rcv[4 * (base + 1)]! ^ rcv[4 * (base + 2)]! ^ rcv[4 * (base + 3)]!;
    }
  }
}

export async function msbMillionaire(ctx: ProtocolContext, x: Ring): Promise<Bits> {
  const n = x.length;
  const provider = ctx.correlations;
  if (!provider.randomOts) throw new Error("msbMillionaire: the triple provider has no randomOts");
  const tag = ctx.op("millionaire");
  const p0 = ctx.party === 0;
  const h = (n + 1) >>> 1; // elements [0, h): party 0 is the sender; [h, n): party 1
  const [sLo, sHi] = p0 ? [0, h] : [h, n]; // this party's sender elements
  const [rLo, rHi] = p0 ? [h, n] : [0, h]; // this party's receiver elements
  const ns = sHi - sLo,
    nr = rHi - rLo;
  // Offline part, in chunks so the raw 16-byte OT messages never all sit in memory: the sender's
  // 16-entry pad words, the receiver's choices c and its pad words of c.
  const padS = new Uint32Array(16 * ns);
  const padC = new Uint32Array(16 * nr);
  const cVal = new Uint8Array(16 * nr);
  for (let off = 0; off < h; off += ROT_CHUNK) {
    const cnt = Math.min(ROT_CHUNK, h - off);
    const ots = await provider.randomOts(64 * cnt);
    const m0 = new Uint32Array(ots.m0.buffer, ots.m0.byteOffset, ots.m0.byteLength >>> 2);
    const m1 = new Uint32Array(ots.m1.buffer, ots.m1.byteOffset, ots.m1.byteLength >>> 2);
    const rcv = new Uint32Array(ots.received.buffer, ots.received.byteOffset, ots.received.byteLength >>> 2);
    senderPads(padS, m0, m1, off, Math.min(off + cnt, ns));
    receiverPads(padC, cVal, rcv, ots.choices, off, Math.min(off + cnt, nr));
  }
  const xl = limbs(x);

  // Flow 1 (receiver): d = v ⊕ c per leaf, 64 bits per element.
  const dMsg = new Uint32Array(2 * nr);
  for (let e = 0; e < nr; e++) {
    const lo = xl[2 * (rLo + e)]!,
      hi = xl[2 * (rLo + e) + 1]! & 0x7fffffff;
    for (let i = 0; i < 16; i++) {
      const d = chunk(lo, hi, i) ^ cVal[e * 16 + i]!;
      dMsg[2 * e + (i >>> 3)]! |= d << (4 * (i & 7));
    }
  }
  ctx.channel.send(tag("choice"), dMsg);
  const dIn = await ctx.recvWords(tag("choice"), 2 * ns);

  // Flow 2 (sender): the 16 permuted, masked entries of each leaf; shares are random bits.
  const table = new Uint32Array(16 * ns);
  const shareBytes = ctx.prg.bytes(4 * ns);
  const shares = new Uint32Array(shareBytes.buffer, shareBytes.byteOffset, ns); // bits 0..15 lt, 16..31 eq
  for (let e = 0; e < ns; e++) {
    const lo = ~xl[2 * (sLo + e)]!,
      hi = ~xl[2 * (sLo + e) + 1]! & 0x7fffffff;
    const sh = shares[e]!;
    for (let i = 0; i < 16; i++) {
      const pad = padS[e * 16 + i]!;
      const s = chunk(lo, hi, i);
      const lt = (0xffff << (s + 1)) & 0xffff; // v > s
      const eq = 1 << s;
      const mask = (-((sh >>> i) & 1) & 0xffff) | (-((sh >>> (16 + i)) & 1) << 16);
      const d = (dIn[2 * e + (i >>> 3)]! >>> (4 * (i & 7))) & 15;
      table[e * 16 + i] = (lt | (eq << 16)) ^ mask ^ permute(pad, d);
    }
  }
  ctx.channel.send(tag("table"), table);
  const tIn = await ctx.recvWords(tag("table"), 16 * nr);

  // Leaf shares per element as one word (bit i: lt of chunk i, bit 16+i: eq), then planes.
  const leaf = new Uint32Array(n);
  for (let e = 0; e < ns; e++) leaf[sLo + e] = shares[e]!;
  for (let e = 0; e < nr; e++) {
    const lo = xl[2 * (rLo + e)]!,
      hi = xl[2 * (rLo + e) + 1]! & 0x7fffffff;
    let w = 0;
    for (let i = 0; i < 16; i++) {
      const v = chunk(lo, hi, i),
        c = cVal[e * 16 + i]!;
      const t = tIn[e * 16 + i]!,
        p = padC[e * 16 + i]!;
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
  const carry = await carryTree(ctx, planes.subarray(0, 16 * W), planes.subarray(16 * W), 16, W);
  const out = new Uint32Array(W);
  for (let i = 0; i < n; i++) out[i >>> 5]! |= (xl[2 * i + 1]! >>> 31) << (i & 31);
  for (let i = 0; i < W; i++) out[i]! ^= carry[i]!;
  return out;
}
