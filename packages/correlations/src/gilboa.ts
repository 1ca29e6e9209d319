/**
 * Gilboa's OT-based product sharing over Z_2^64 (Gilboa, "Two Party RSA Key Generation", CRYPTO
 * 1999), from correlated OT as in ABY (Demmler, Schneider, Zohner, NDSS 2015) and MP-SPDZ's semi2k.
 * Semi-honest security.
 *
 * For a cross term x·y (x held by the COT sender, y by the receiver), one COT per bit k of y with
 * keys K0, K1 = K0 ⊕ Δ and h_b = H(K_b) (low 64 bits of the CR hash):
 *   sender sends  c_k = h0 + x − h1  (only the low 64−k bits matter: the receiver multiplies by 2^k)
 *   receiver      m_k = h_{y_k} + y_k·c_k = h0 + y_k·x
 *   shares        sender −Σ 2^k h0_k,  receiver Σ 2^k m_k,  summing to x·y mod 2^64.
 * Corrections take Σ_k (64−k) = 2080 bits per product, packed with no padding: c_0 whole, then for
 * k = 1..31 one 64-bit word holding c_k in its low 64−k bits and c_{64−k} in its high k bits (the
 * receiver needs exactly 2^k·c_k and 2^(64−k)·c_{64−k}, read off with a multiply and a mask), then
 * the 32-bit c_32 of each product, two per word. 260 bytes per product.
 *
 * Each party calls `gilboaCross(session, x, y)` with its own x and y: it is the sender for
 * x_self·y_peer and the receiver for x_peer·y_self, and gets its share of both cross terms.
 */
import type { PartyId } from "@petace/network";
import { gilboaCorrectionBytes, offlineKernels } from "@petace/offline-kernels";
import { expectLength, paddedCount, type OtSession } from "@petace/ot";
import { pause } from "./pause.js";

export { gilboaCorrectionBytes };

/**
 * Products per message pair: 1 MiB of u and 260 KiB of corrections per party. Smaller than the 4096
 * of before: with one process per party the peer's next message comes sooner, so less waiting
 * (bench/notes.md).
 */
const CHUNK = 1024;

/**
 * Chunks whose u is sent before the first corrections: a party may run AHEAD − 1 chunks ahead of
 * the other before it waits (with 1, the two ran in lockstep and each waited for the other's every
 * chunk). Part of the message order, so both parties must use the same value (WIRE below).
 */
const AHEAD = 4;

/**
 * Version of the message order, in the tags: u of chunks 0..AHEAD−1, then per chunk c the
 * corrections of c and u of c + AHEAD. A peer on the lockstep order of before (tags without it)
 * fails on the first message with a ProtocolMismatchError naming both tags.
 */
const WIRE = "v2";

function asBits(v: BigUint64Array): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

/**
 * Both cross terms of x·y for the two parties' x and y (n elements each): returns this party's share
 * of x_self·y_peer + x_peer·y_self. Called by both parties with the same n. Per chunk of products,
 * each party sends u (1 KiB per product) then corrections (260 bytes per product): two rounds.
 */
export async function gilboaCross(s: OtSession, x: BigUint64Array, y: BigUint64Array, label = "gilboa"): Promise<BigUint64Array> {
  if (y.length !== x.length) throw new RangeError(`gilboaCross: x has ${x.length} elements, y ${y.length}`);
  const out = new BigUint64Array(x.length);
  await gilboaPipeline(s, x, y, label, out, out);
  return out;
}

/**
 * As `gilboaCross`, adding this party's share of the cross terms into `acc` (n elements) instead of
 * returning it: a Beaver triple's c starts as a·b and takes the cross terms in place.
 */
export async function gilboaCrossAdd(
  s: OtSession,
  x: BigUint64Array,
  y: BigUint64Array,
  acc: BigUint64Array,
  label = "gilboa",
): Promise<void> {
  if (y.length !== x.length) throw new RangeError(`gilboaCrossAdd: x has ${x.length} elements, y ${y.length}`);
  if (acc.length !== x.length) throw new RangeError(`gilboaCrossAdd: acc has ${acc.length} elements, x ${x.length}`);
  await gilboaPipeline(s, x, y, label, acc, acc);
}

/**
 * One cross term per product, each party the sender for half of them: this party is the COT sender
 * for x_self[i]·y_peer[i] and the receiver for x_peer[i]·y_self[i], and gets its shares of the two
 * apart (`sent`, `received`), where `gilboaCross` adds them. Both parties pass n-element x and y;
 * the messages are those of `gilboaCross` on n products.
 */
export async function gilboaOneWay(
  s: OtSession,
  x: BigUint64Array,
  y: BigUint64Array,
  label = "gilboa-1w",
): Promise<{ sent: BigUint64Array; received: BigUint64Array }> {
  if (y.length !== x.length) throw new RangeError(`gilboaOneWay: x has ${x.length} elements, y ${y.length}`);
  const sent = new BigUint64Array(x.length);
  const received = new BigUint64Array(x.length);
  await gilboaPipeline(s, x, y, label, sent, received);
  return { sent, received };
}

/**
 * The chunked exchange, pipelined AHEAD chunks deep: sender shares are added into `sentOut`,
 * receiver shares into `receivedOut`. Per chunk c each party does three local steps:
 *   extend(c)   receiver of x_peer·y_self: IKNP extension on y's bits, u(c) sent (needs nothing);
 *   send(c)     sender of x_self·y_peer: needs the peer's u(c); corrections(c) sent;
 *   receive(c)  needs the peer's corrections(c) and this party's extend(c).
 * Order: extend(0..AHEAD−1), then for each c: send(c), receive(c − AHEAD + 1), extend(c + AHEAD).
 * The peer's u(c) and corrections(c) were sent a pipeline depth (or one chunk less) before they are
 * needed, so either party can run ahead of the other without waiting, and the bytes of one chunk
 * cross the wire while both compute the next. Each party's sends come in
 * the order the other receives them (u(0..AHEAD−1), then corrections(c), u(c + AHEAD) per c), so
 * the PRG streams of both IKNP instances advance in step.
 */
async function gilboaPipeline(
  s: OtSession,
  x: BigUint64Array,
  y: BigUint64Array,
  label: string,
  sentOut: BigUint64Array,
  receivedOut: BigUint64Array,
): Promise<void> {
  const n = x.length;
  const k = offlineKernels();
  const chunks = Math.ceil(n / CHUNK);
  if (chunks === 0) return;
  // t of chunk c lives from extend(c) to receive(c): at most 2·AHEAD − 1 chunks at once.
  const bytes = 16 * paddedCount(64 * Math.min(CHUNK, n));
  const qBuf = new Uint8Array(bytes);
  const tBufs = Array.from({ length: Math.min(2 * AHEAD, chunks) }, () => new Uint8Array(bytes));
  const tBuf = (c: number): Uint8Array => tBufs[c % tBufs.length]!;
  const uLabel = `${label}-u.${WIRE}`;
  const uTag = (p: PartyId) => s.msgTag(uLabel, p);
  const cTag = (p: PartyId) => s.msgTag(`${label}-c.${WIRE}`, p);
  const size = (c: number) => Math.min(CHUNK, n - c * CHUNK);

  const extend = (c: number): void => {
    const off = c * CHUNK;
    const yc = y.subarray(off, off + size(c));
    // One COT per bit of y, choices = y's bits as stored; u goes out before any await (session.ts).
    const { u } = s.receiverExtend(asBits(yc), 64 * yc.length, tBuf(c));
    s.channel.send(uTag(s.peer), u);
  };
  // Hash and corrections in one kernel call.
  const send = async (c: number): Promise<void> => {
    const off = c * CHUNK;
    const m = size(c);
    const q = s.senderExpand(await s.channel.recv(uTag(s.party)), 64 * m, uLabel, qBuf);
    const corr = new Uint8Array(gilboaCorrectionBytes(m));
    k.gilboaSend(q, s.delta, x.subarray(off, off + m), m, corr, sentOut.subarray(off, off + m));
    s.channel.send(cTag(s.party), corr);
  };
  const receive = async (c: number): Promise<void> => {
    const off = c * CHUNK;
    const m = size(c);
    const theirs = await s.channel.recv(cTag(s.peer));
    expectLength(s.party, "Gilboa", cTag(s.peer), theirs, gilboaCorrectionBytes(m));
    k.gilboaReceive(tBuf(c), y.subarray(off, off + m), m, theirs, receivedOut.subarray(off, off + m));
  };

  for (let c = 0; c < Math.min(AHEAD, chunks); c++) extend(c);
  for (let c = 0; c < chunks; c++) {
    // The transport writes what the last steps sent (sends are corked until the thread yields)
    // and reads what arrived, even when every message this loop awaits is already here.
    await pause();
    await send(c);
    await pause();
    if (c >= AHEAD - 1) await receive(c - AHEAD + 1);
    if (c + AHEAD < chunks) extend(c + AHEAD);
  }
  for (let c = Math.max(0, chunks - AHEAD + 1); c < chunks; c++) await receive(c);
}
