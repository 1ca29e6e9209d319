/**
 * Random OT and chosen-message OT derived from the session's correlated OTs with the fixed-key
 * correlation-robust hash H (IKNP 2003 §3; ALSZ 2013 §5; GKWY 2020 §7 for H from fixed-key AES):
 * from K0_j = q_j and K1_j = q_j ⊕ Δ the sender's random messages are H(q_j) and H(q_j ⊕ Δ); the
 * receiver's is H(t_j) = H(K_{r_j, j}). Semi-honest security. H is not tweaked: GKWY's bound for
 * this use is about q·N/2^128 for an adversary making q calls to AES over a session of N OTs (≥ 88
 * bits for N ≤ 2^40), which we accept for the 2× saving in AES work over the tweaked hash.
 */
import { hashBlocks, hashPair } from "./blocks.js";
import { expectLength } from "./errors.js";
import { checkChoices, OT_COUNT } from "./checks.js";
import type { OtSession } from "./session.js";
import { checkCount, randomBytes } from "@petace/primitives";

/** Random OT, sender side: two 16-byte messages per OT (n × 16 bytes each, padded to 128 OTs). */
export async function rotSend(s: OtSession, n: number): Promise<{ m0: Uint8Array; m1: Uint8Array }> {
  checkCount("rotSend", n, OT_COUNT);
  const q = await s.cotSend(n, "rot");
  return hashPair(q, s.delta);
}

/** Random OT, receiver side: the message of each chosen index (n × 16 bytes, padded). */
export async function rotReceive(s: OtSession, r: Uint8Array, n: number): Promise<Uint8Array> {
  checkCount("rotReceive", n, OT_COUNT);
  checkChoices("rotReceive", r, n);
  const t = await s.cotReceive(r, n, "rot");
  return hashBlocks(t, t);
}

function checkWidth(fn: string, w: unknown): asserts w is number {
  if (typeof w !== "number" || !Number.isInteger(w) || w < 1 || w > 16)
    throw new RangeError(`${fn}: width must be an integer in [1, 16] bytes, got ${String(w)}`);
}

/**
 * Chosen-message OT, sender side: n pairs of `width`-byte messages (m0, m1: n × width bytes). The
 * receiver's u comes first, then one message back: y_b = m_b ⊕ H(K_b) truncated to width bytes.
 */
export async function otSend(s: OtSession, m0: Uint8Array, m1: Uint8Array, n: number, width: number): Promise<void> {
  checkCount("otSend", n, OT_COUNT);
  checkWidth("otSend", width);
  if (!(m0 instanceof Uint8Array) || !(m1 instanceof Uint8Array)) throw new TypeError("otSend: m0 and m1 must be Uint8Arrays");
  if (m0.length !== n * width || m1.length !== n * width)
    throw new RangeError(`otSend: m0 and m1 must have n × width = ${n * width} bytes`);
  const q = await s.cotSend(n, "ot");
  const h = hashPair(q, s.delta);
  const y = new Uint8Array(2 * n * width);
  for (let j = 0, o = 0; j < n; j++) {
    const hb = j * 16;
    const mb = j * width;
    for (let b = 0; b < width; b++, o++) y[o] = m0[mb + b]! ^ h.m0[hb + b]!;
    for (let b = 0; b < width; b++, o++) y[o] = m1[mb + b]! ^ h.m1[hb + b]!;
  }
  s.channel.send(s.msgTag("ot-y", s.party), y);
}

/** Chosen-message OT, receiver side: m_{r_j} for each j (n × width bytes). Two messages (u out, y in). */
export async function otReceive(s: OtSession, r: Uint8Array, n: number, width: number): Promise<Uint8Array> {
  checkCount("otReceive", n, OT_COUNT);
  checkChoices("otReceive", r, n);
  checkWidth("otReceive", width);
  const t = await s.cotReceive(r, n, "ot");
  const h = hashBlocks(t, t);
  const tag = s.msgTag("ot-y", s.peer);
  const y = await s.channel.recv(tag);
  expectLength(s.party, "chosen-message OT", tag, y, 2 * n * width);
  const out = new Uint8Array(n * width);
  for (let j = 0; j < n; j++) {
    // Select y_{r_j} with a mask, not a branch on the choice bit.
    const mask = -((r[j >>> 3]! >>> (j & 7)) & 1) & 0xff;
    const y0 = 2 * j * width;
    const y1 = y0 + width;
    for (let b = 0; b < width; b++) {
      out[j * width + b] = (((y[y0 + b]! & ~mask) | (y[y1 + b]! & mask)) ^ h[j * 16 + b]!) & 0xff;
    }
  }
  return out;
}

/**
 * n random OTs in each direction at once (both parties call it): this party's sender-side messages
 * (m0, m1: n × 16 bytes) pair with the peer's receiver side, and its receiver side (random packed
 * choices, chosen messages) with the peer's sender side. One message per party.
 */
export async function randomOtsBothWays(
  s: OtSession,
  n: number,
  label = "rot2",
): Promise<{ m0: Uint8Array; m1: Uint8Array; choices: Uint8Array; received: Uint8Array }> {
  checkCount("randomOtsBothWays", n, OT_COUNT);
  const choices = randomBytes((n + 7) >>> 3);
  if (n & 7) choices[choices.length - 1]! &= (1 << (n & 7)) - 1;
  const { u, t } = s.receiverExtend(choices, n);
  s.channel.send(s.msgTag(label, s.peer), u);
  const received = hashBlocks(t, t).subarray(0, 16 * n);
  const q = s.senderExpand(await s.channel.recv(s.msgTag(label, s.party)), n, label);
  const { m0, m1 } = hashPair(q, s.delta);
  return { m0: m0.subarray(0, 16 * n), m1: m1.subarray(0, 16 * n), choices, received };
}
