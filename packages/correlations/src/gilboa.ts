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

export { gilboaCorrectionBytes };

/**
 * Products per message pair: 1 MiB of u and 260 KiB of corrections per party. Smaller than the 4096
 * of before: with one process per party the peer's next message comes sooner, so less waiting
 * (bench/notes.md).
 */
const CHUNK = 1024;

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

/** The two-round chunked exchange: sender shares are added into `sentOut`, receiver shares into `receivedOut`. */
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
  // Scratch reused across chunks: q, and t/y double-buffered because chunk c+1 is extended before
  // chunk c's corrections arrive.
  const bytes = 16 * paddedCount(64 * Math.min(CHUNK, n));
  const qBuf = new Uint8Array(bytes);
  const tBufs = [new Uint8Array(bytes), new Uint8Array(bytes)];
  const tBuf = (c: number): Uint8Array => tBufs[c & 1]!;
  const ycs: BigUint64Array[] = [];
  const uTag = (p: PartyId) => s.msgTag(`${label}-u`, p);
  const cTag = (p: PartyId) => s.msgTag(`${label}-c`, p);
  const size = (c: number) => Math.min(CHUNK, n - c * CHUNK);

  // Receiver of x_peer·y_self: one COT per bit of y, choices = y's bits as stored.
  const extend = (c: number): void => {
    const yc = y.slice(c * CHUNK, c * CHUNK + size(c));
    ycs[c & 1] = yc;
    const { u } = s.receiverExtend(asBits(yc), 64 * yc.length, tBuf(c));
    s.channel.send(uTag(s.peer), u);
  };
  // Sender of x_self·y_peer: hash and corrections in one kernel call.
  const send = async (c: number): Promise<void> => {
    const off = c * CHUNK;
    const m = size(c);
    const q = s.senderExpand(await s.channel.recv(uTag(s.party)), 64 * m, `${label}-u`, qBuf);
    const corr = new Uint8Array(gilboaCorrectionBytes(m));
    k.gilboaSend(q, s.delta, x.subarray(off, off + m), m, corr, sentOut.subarray(off, off + m));
    s.channel.send(cTag(s.party), corr);
  };
  const receive = async (c: number): Promise<void> => {
    const off = c * CHUNK;
    const m = size(c);
    const theirs = await s.channel.recv(cTag(s.peer));
    expectLength(s.party, "Gilboa", cTag(s.peer), theirs, gilboaCorrectionBytes(m));
    k.gilboaReceive(tBuf(c), ycs[c & 1]!, m, theirs, receivedOut.subarray(off, off + m));
  };

  // Software pipeline, one chunk of lookahead: each party sends u(0), c(0), u(1), c(1), ... and
  // receives in the same order, but uses the peer's corrections for chunk c only after it has
  // sent its own for chunk c+1, so a party a little behind does not stall the other.
  const chunks = Math.ceil(n / CHUNK);
  if (chunks > 0) extend(0);
  for (let c = 0; c < chunks; c++) {
    if (c > 0) await receive(c - 1);
    await send(c);
    if (c + 1 < chunks) extend(c + 1);
  }
  if (chunks > 0) await receive(chunks - 1);
}
