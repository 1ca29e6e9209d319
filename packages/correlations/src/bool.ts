/**
 * Boolean AND triples, bit-packed, from two random OTs each (one per direction), as in ALSZ 2013
 * §6 / ABY: in the instance where this party is the OT sender it gets random bits m0, m1 and sets
 * b = m0 ⊕ m1, u = m0; the peer, receiver with choice a_peer, gets v = m_{a_peer} = u ⊕ a_peer·b.
 * So u ⊕ v is an XOR sharing of a_peer·b_self, and c_i = a_i·b_i ⊕ u_i ⊕ v_i shares a·b.
 * One message per party per batch: the u matrix of its receiver role, 16 bytes per triple. No
 * corrections: the sender's messages define b. Semi-honest security.
 */
import type { BoolTriples } from "./provider.js";
import { hashLsb, hashLsbPair } from "@petace/ot";
import type { CotSession, OtSession } from "@petace/ot";
import { batchSizes, paddedCount } from "@petace/ot";
import { randomBytes } from "@petace/primitives";
import { inParts, MAX_COTS_PER_CALL, randomCotsBothWays, recycleCots } from "./cot-pair.js";

/** Bytes one party sends per AND triple (the u column of one COT). */
export const BOOL_TRIPLE_BYTES = 16;

/**
 * n fresh AND triples (both parties call with the same n), packed into ceil(n/8) bytes each. More
 * than one extension step's worth (`s.maxBatch`) is made in several steps, one message each way per
 * step; every part but the last is a multiple of 1024, so the parts' bytes simply follow each other.
 */
export async function boolTriplesFromOt(s: OtSession, n: number, label = "and"): Promise<BoolTriples> {
  const parts = batchSizes(n, s.maxBatch);
  if (parts.length <= 1) return oneStep(s, n, label);
  const bytes = Math.ceil(n / 8);
  const out = { a: new Uint8Array(bytes), b: new Uint8Array(bytes), c: new Uint8Array(bytes) };
  let off = 0;
  for (const m of parts) {
    const t = await oneStep(s, m, label);
    out.a.set(t.a, off / 8);
    out.b.set(t.b, off / 8);
    out.c.set(t.c, off / 8);
    off += m;
  }
  return out;
}

async function oneStep(s: OtSession, n: number, label: string): Promise<BoolTriples> {
  const np = paddedCount(n);
  const a = randomBytes(np >>> 3);
  const { u, t } = s.receiverExtend(a, np);
  s.channel.send(s.msgTag(label, s.peer), u);
  const v = hashLsb(t, np, new Uint8Array(np >>> 3));
  const q = s.senderExpand(await s.channel.recv(s.msgTag(label, s.party)), np, label);
  const m0 = new Uint8Array(np >>> 3);
  const b = new Uint8Array(np >>> 3);
  hashLsbPair(q, s.delta, np, m0, b);
  const aw = new Int32Array(a.buffer);
  const bw = new Int32Array(b.buffer);
  const m0w = new Int32Array(m0.buffer);
  const vw = new Int32Array(v.buffer);
  const c = new Uint8Array(np >>> 3);
  const cw = new Int32Array(c.buffer);
  for (let i = 0; i < bw.length; i++) {
    const bi = bw[i]! ^ m0w[i]!; // b = m0 ⊕ m1
    bw[i] = bi;
    cw[i] = (aw[i]! & bi) ^ m0w[i]! ^ vw[i]!;
  }
  const bytes = (n + 7) >>> 3;
  return { a: trim(a, n, bytes), b: trim(b, n, bytes), c: trim(c, n, bytes) };
}

/** The first n bits in ceil(n/8) fresh bytes, unused high bits zero. */
function trim(x: Uint8Array, n: number, bytes: number): Uint8Array {
  const out = x.slice(0, bytes);
  if (n & 7) out[bytes - 1]! &= (1 << (n & 7)) - 1;
  return out;
}

/**
 * n fresh AND triples on any COT session (cot-pair.ts), the same construction on random COTs: this
 * party's a is its random choices as receiver and b comes from its sender messages, so on silent OT
 * (Ferret) nothing is sent beyond the session's own messages (under 1 bit per COT, 2 COTs per triple).
 */
export async function boolTriplesFromCot(s: CotSession, n: number): Promise<BoolTriples> {
  return inParts(n, MAX_COTS_PER_CALL, { a: "bits", b: "bits", c: "bits" }, (k) => boolTriplesPart(s, k));
}

async function boolTriplesPart(s: CotSession, n: number): Promise<BoolTriples> {
  // The LSB hashes run on whole 32-bit words of triples.
  const np = Math.ceil(n / 32) * 32;
  const { q, t, x: a } = await randomCotsBothWays(s, np);
  const v = hashLsb(t, np, new Uint8Array(np >>> 3));
  const m0 = new Uint8Array(np >>> 3);
  const b = new Uint8Array(np >>> 3);
  hashLsbPair(q, s.delta, np, m0, b);
  recycleCots(s, q, t);
  const c = new Uint8Array(np >>> 3);
  for (let i = 0; i < c.length; i++) {
    const bi = b[i]! ^ m0[i]!; // b = m0 ⊕ m1
    b[i] = bi;
    c[i] = (a[i]! & bi) ^ m0[i]! ^ v[i]!;
  }
  const bytes = (n + 7) >>> 3;
  return { a: trim(a, n, bytes), b: trim(b, n, bytes), c: trim(c, n, bytes) };
}
