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
import { paddedCount, type OtSession } from "@petace/ot";
import { hashLow64, hashLow64Pair } from "@petace/ot";
import { expectLength } from "@petace/ot";

/**
 * Products per message pair: 1 MiB of u and 260 KiB of corrections per party. Smaller than the 4096
 * of before: with one process per party the peer's next message comes sooner, so less waiting
 * (bench/notes.md).
 */
const CHUNK = 1024;

/** Bytes of packed corrections for n products. */
export function gilboaCorrectionBytes(n: number): number {
  return 256 * n + 8 * Math.ceil(n / 2);
}

/** POW[k] = 2^k. */
const POW = /* @__PURE__ */ (() => {
  const p = new BigUint64Array(65);
  for (let k = 0; k < 64; k++) p[k] = 1n << BigInt(k);
  return p;
})();
/** LO[k] = 2^(64−k) − 1: the bits of c_k in its packed word (k = 1..31). */
const LO = /* @__PURE__ */ POW.map((_, k) => (k === 0 ? 0n : (1n << BigInt(64 - k)) - 1n));
/** HI[k] = ~LO[k]: the bits of 2^(64−k)·c_{64−k}. */
const HI = /* @__PURE__ */ LO.map((v) => BigInt.asUintN(64, ~v));
/** A mask from a bit; both entries share a cache line. */
const MASK = /* @__PURE__ */ new BigUint64Array([0n, 0xffffffffffffffffn]);
const HALF_HI = 0xffffffff00000000n;

/**
 * Sender's local step for n products: from h0 = H(K0) and h1 = H(K1) (low 64 bits, 64 per product:
 * COT 64t + k is bit k of product t) and x, writes the packed corrections into `corr`
 * (gilboaCorrectionBytes(n) bytes) and returns the sender's shares.
 */
export function gilboaSend(h0: BigUint64Array, h1: BigUint64Array, x: BigUint64Array, n: number, corr: Uint8Array): BigUint64Array {
  const share = new BigUint64Array(n);
  gilboaSendAt(h0, h1, x, n, corr, n, 0, share);
  return share;
}

/**
 * `gilboaSend` for products v0 .. v0+n of a correction message for V products (v0 even), so a long
 * message can be computed in cache-sized tiles. Shares go to share[0..n).
 */
export function gilboaSendAt(
  h0: BigUint64Array,
  h1: BigUint64Array,
  x: BigUint64Array,
  n: number,
  corr: Uint8Array,
  V: number,
  v0: number,
  share: BigUint64Array,
): void {
  const c = new BigUint64Array(64);
  const w = new BigUint64Array(corr.buffer, corr.byteOffset + 256 * v0, 32 * n);
  const half = new Uint32Array(corr.buffer, corr.byteOffset + 256 * V + 4 * v0, n);
  sendLoop(h0, h1, x, n, w, half, share, c, new Uint32Array(c.buffer));
}

/**
 * The hot loops live in functions that allocate nothing: a `new` inside made V8 deoptimise on the
 * first call and run the loop unoptimised (boxing every BigInt) for many calls after.
 */
function sendLoop(
  h0: BigUint64Array,
  h1: BigUint64Array,
  x: BigUint64Array,
  n: number,
  w: BigUint64Array,
  half: Uint32Array,
  share: BigUint64Array,
  c: BigUint64Array,
  c32: Uint32Array,
): void {
  for (let t = 0; t < n; t++) {
    const base = t << 6;
    // Accumulators live in typed-array slots: V8 (Node 20) boxes a BigInt carried in a loop variable.
    share[t] = 0n;
    for (let k = 63; k >= 0; k--) {
      c[k] = BigInt.asUintN(64, h0[base + k]! + x[t]! - h1[base + k]!);
      share[t] = BigInt.asUintN(64, share[t]! + share[t]! + h0[base + k]!);
    }
    share[t] = BigInt.asUintN(64, 0n - share[t]!);
    const wb = t << 5;
    w[wb] = c[0]!;
    for (let k = 1; k < 32; k++) w[wb + k] = BigInt.asUintN(64, (c[k]! & LO[k]!) | (c[64 - k]! * POW[64 - k]!));
    half[t] = c32[64]!; // low half of c_32
  }
}

/**
 * Receiver's local step: from H = H(K_{y_k}) (same layout as the sender's), its y and the peer's
 * packed corrections, returns the receiver's shares.
 */
export function gilboaReceive(h: BigUint64Array, y: BigUint64Array, n: number, corr: Uint8Array): BigUint64Array {
  const share = new BigUint64Array(n);
  gilboaReceiveAt(h, y, n, corr, n, 0, share);
  return share;
}

/** `gilboaReceive` for products v0 .. v0+n (v0 even) of a correction message for V products. */
export function gilboaReceiveAt(
  h: BigUint64Array,
  y: BigUint64Array,
  n: number,
  corr: Uint8Array,
  V: number,
  v0: number,
  share: BigUint64Array,
): void {
  const w = new BigUint64Array(corr.buffer, corr.byteOffset + 256 * v0, 32 * n);
  const half = new BigUint64Array(corr.buffer, corr.byteOffset + 256 * V + 4 * v0, Math.ceil(n / 2));
  // Int32Array, not Uint32Array: words ≥ 2^31 would load as doubles and knock the BigInt loop off its int64 path.
  receiveLoop(h, new Int32Array(y.buffer, y.byteOffset, 2 * n), n, w, half, share);
}

function receiveLoop(h: BigUint64Array, y32: Int32Array, n: number, w: BigUint64Array, half: BigUint64Array, share: BigUint64Array): void {
  for (let t = 0; t < n; t++) {
    const base = t << 6;
    share[t] = 0n;
    for (let k = 63; k >= 0; k--) share[t] = BigInt.asUintN(64, share[t]! + share[t]! + h[base + k]!);
    const lo = y32[2 * t]!;
    const hi = y32[2 * t + 1]!;
    const wb = t << 5;
    share[t] = BigInt.asUintN(64, share[t]! + (w[wb]! & MASK[lo & 1]!));
    for (let k = 1; k < 32; k++) {
      share[t] = BigInt.asUintN(
        64,
        share[t]! +
          (BigInt.asUintN(64, w[wb + k]! * POW[k]!) & MASK[(lo >>> k) & 1]!) +
          (w[wb + k]! & HI[k]! & MASK[(hi >>> (32 - k)) & 1]!),
      );
    }
    const hw = t >>> 1;
    const sel = t & 1; // c_32 sits in the low half of word hw for even t, the high half for odd t
    share[t] = BigInt.asUintN(
      64,
      share[t]! + (((BigInt.asUintN(64, half[hw]! * POW[32]!) & MASK[1 - sel]!) | (half[hw]! & HALF_HI & MASK[sel]!)) & MASK[hi & 1]!),
    );
  }
}

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
  const cap = Math.min(TILE, n);
  const h = new BigUint64Array(64 * cap);
  const h0 = new BigUint64Array(64 * cap);
  const h1 = new BigUint64Array(64 * cap);
  const share = new BigUint64Array(cap);
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
  // Sender of x_self·y_peer, hashed and corrected tile by tile so the hash arrays stay in cache.
  const send = async (c: number): Promise<void> => {
    const off = c * CHUNK;
    const m = size(c);
    const q = s.senderExpand(await s.channel.recv(uTag(s.party)), 64 * m, `${label}-u`, qBuf);
    const corr = new Uint8Array(gilboaCorrectionBytes(m));
    for (let f = 0; f < m; f += TILE) {
      const mt = Math.min(TILE, m - f);
      hashLow64Pair(q.subarray(64 * 16 * f), s.delta, 64 * mt, h0, h1);
      gilboaSendAt(h0, h1, x.subarray(off + f, off + f + mt), mt, corr, m, f, share);
      addInto(sentOut, off + f, share, mt);
    }
    s.channel.send(cTag(s.party), corr);
  };
  const receive = async (c: number): Promise<void> => {
    const off = c * CHUNK;
    const m = size(c);
    const theirs = await s.channel.recv(cTag(s.peer));
    expectLength(s.party, "Gilboa", cTag(s.peer), theirs, gilboaCorrectionBytes(m));
    const t = tBuf(c);
    const yc = ycs[c & 1]!;
    for (let f = 0; f < m; f += TILE) {
      const mt = Math.min(TILE, m - f);
      hashLow64(t.subarray(64 * 16 * f), 64 * mt, h);
      gilboaReceiveAt(h, yc.subarray(f, f + mt), mt, theirs, m, f, share);
      addInto(receivedOut, off + f, share, mt);
    }
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

/** Products per tile (even): three hash arrays of 512 KiB. */
const TILE = 1024;

function addInto(out: BigUint64Array, at: number, v: BigUint64Array, n: number): void {
  for (let i = 0; i < n; i++) out[at + i] = BigInt.asUintN(64, out[at + i]! + v[i]!);
}
