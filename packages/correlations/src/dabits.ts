/**
 * daBits (Rotaru and Wood, "MArBled Circuits", INDOCRYPT 2019): random bits r shared both ways,
 * r = bits_0 ⊕ bits_1 = arith_0 + arith_1 mod 2^64. Each party draws its bit b_i; then
 * r = b_0 + b_1 − 2·b_0·b_1, and the product b_0·b_1 comes from one correlated OT (Gilboa with a
 * single bit: correction c = h0 + b_S − h1, 64 bits). Half of each batch has party 0 as the OT
 * sender, half party 1, so both send the same: 12 bytes per daBit per party. Semi-honest security.
 */
import type { DaBits } from "./provider.js";
import { hashLow64, hashLow64Pair } from "@petace/ot";
import { expectLength } from "@petace/ot";
import { randomBytes } from "@petace/primitives";
import { batchSizes, paddedCount, type CotSession, type OtSession } from "@petace/ot";
import { inParts, MAX_COTS_PER_CALL, randomCotsBothWays, recycleCots } from "./cot-pair.js";

/**
 * n fresh daBits (n a multiple of 256, both parties call with the same n). Each extension step
 * takes half of its daBits' OTs, so more than 2·`s.maxBatch` daBits are made in several steps
 * (parts of whole bytes, multiples of 256), placed one after another.
 */
export async function daBitsFromOt(s: OtSession, n: number, label = "dabit"): Promise<DaBits> {
  if (n % 256 !== 0) throw new RangeError(`daBitsFromOt: n must be a multiple of 256, got ${n}`);
  const parts = batchSizes(n, 2 * s.maxBatch);
  if (parts.length <= 1) return oneStep(s, n, label);
  const out: DaBits = { bits: new Uint8Array(n / 8), arith: new BigUint64Array(n) };
  let off = 0;
  for (const m of parts) {
    const d = await oneStep(s, m, label);
    out.bits.set(d.bits, off / 8);
    out.arith.set(d.arith, off);
    off += m;
  }
  return out;
}

async function oneStep(s: OtSession, n: number, label: string): Promise<DaBits> {
  const half = n / 2;
  const bits = randomBytes(n / 8);
  // Party 0 is the OT sender for daBits [0, half), party 1 for [half, n).
  const sendPart = s.party === 0 ? bits.subarray(0, half / 8) : bits.subarray(half / 8);
  const recvPart = s.party === 0 ? bits.subarray(half / 8) : bits.subarray(0, half / 8);
  const { u, t } = s.receiverExtend(recvPart, half);
  s.channel.send(s.msgTag(`${label}-u`, s.peer), u);
  const h = hashLow64(t, half, new BigUint64Array(half));
  const q = s.senderExpand(await s.channel.recv(s.msgTag(`${label}-u`, s.party)), paddedCount(half), `${label}-u`);
  const h0 = new BigUint64Array(half);
  const h1 = new BigUint64Array(half);
  hashLow64Pair(q, s.delta, half, h0, h1);
  const corr = new BigUint64Array(half);
  const arith = new BigUint64Array(n);
  const sendOff = s.party === 0 ? 0 : half;
  const recvOff = half - sendOff;
  for (let j = 0; j < half; j++) {
    const b = BigBit[(sendPart[j >>> 3]! >>> (j & 7)) & 1]!;
    const a = h0[j]!;
    corr[j] = BigInt.asUintN(64, a + b - h1[j]!);
    // share of b_0·b_1 is −h0; arith = b − 2·(−h0)
    arith[sendOff + j] = BigInt.asUintN(64, b + a + a);
  }
  s.channel.send(s.msgTag(`${label}-c`, s.party), corr);
  const ctag = s.msgTag(`${label}-c`, s.peer);
  const cm = await s.channel.recv(ctag);
  expectLength(s.party, "daBits", ctag, cm, 8 * half);
  const c = new BigUint64Array(cm.buffer, cm.byteOffset, half);
  for (let j = 0; j < half; j++) {
    const bit = (recvPart[j >>> 3]! >>> (j & 7)) & 1;
    // share of b_0·b_1 is h_b + b·c; arith = b − 2·share
    const m = BigInt.asUintN(64, h[j]! + (c[j]! & MASK[bit]!));
    arith[recvOff + j] = BigInt.asUintN(64, BigBit[bit]! - m - m);
  }
  return { bits, arith };
}

const BigBit = /* @__PURE__ */ new BigUint64Array([0n, 1n]);
const MASK = /* @__PURE__ */ new BigUint64Array([0n, 0xffffffffffffffffn]);

/**
 * n fresh daBits (n a multiple of 256) on any COT session (cot-pair.ts): the same construction on
 * random COTs, where the OT receiver's bit is its COT's random choice, so on silent OT (Ferret) each
 * party sends only the 64-bit corrections of its half, 4 bytes per daBit (and its share of the
 * session's messages, under 1 bit per COT).
 */
export async function daBitsFromCot(s: CotSession, n: number, label = "dabit-cot"): Promise<DaBits> {
  if (n % 256 !== 0) throw new RangeError(`daBitsFromCot: n must be a multiple of 256, got ${n}`);
  // Parts of MAX_COTS_PER_CALL COTs each way: 2·MAX daBits, a multiple of 256.
  return inParts(n, 2 * MAX_COTS_PER_CALL, { bits: "bits", arith: "u64" }, (k) => daBitsPart(s, k, label));
}

async function daBitsPart(s: CotSession, n: number, label: string): Promise<DaBits> {
  const half = n / 2;
  const { q, t, x } = await randomCotsBothWays(s, half);
  // Party 0 is the OT sender for daBits [0, half), party 1 for [half, n); the receiver's bits are x.
  const sendBits = randomBytes(half / 8);
  const bits = new Uint8Array(n / 8);
  const sendOff = s.party === 0 ? 0 : half;
  const recvOff = half - sendOff;
  bits.set(sendBits, sendOff / 8);
  bits.set(x.subarray(0, half / 8), recvOff / 8);
  const h0 = new BigUint64Array(half);
  const h1 = new BigUint64Array(half);
  hashLow64Pair(q, s.delta, half, h0, h1);
  const corr = new BigUint64Array(half);
  const arith = new BigUint64Array(n);
  for (let j = 0; j < half; j++) {
    const b = BigBit[(sendBits[j >>> 3]! >>> (j & 7)) & 1]!;
    const a = h0[j]!;
    corr[j] = BigInt.asUintN(64, a + b - h1[j]!);
    arith[sendOff + j] = BigInt.asUintN(64, b + a + a);
  }
  s.channel.send(s.msgTag(`${label}-c`, s.party), corr);
  const h = hashLow64(t, half, new BigUint64Array(half));
  recycleCots(s, q, t);
  const ctag = s.msgTag(`${label}-c`, s.peer);
  const cm = await s.channel.recv(ctag);
  expectLength(s.party, "daBits", ctag, cm, 8 * half);
  const c = new BigUint64Array(cm.buffer, cm.byteOffset, half);
  for (let j = 0; j < half; j++) {
    const bit = (x[j >>> 3]! >>> (j & 7)) & 1;
    const m = BigInt.asUintN(64, h[j]! + (c[j]! & MASK[bit]!));
    arith[recvOff + j] = BigInt.asUintN(64, BigBit[bit]! - m - m);
  }
  x.fill(0);
  return { bits, arith };
}
