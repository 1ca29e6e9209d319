/**
 * Gilboa product sharing (gilboa.ts states the protocol and the 260-byte correction layout) on any
 * correlated-OT session's COTs (cot-pair.ts), not fused with IKNP's extension: this is how products
 * run on silent OT (@petace/ot's SilentOtSession, Ferret), where a COT costs under a bit on the wire.
 * Semi-honest security, as the COTs under it.
 *
 * Per chunk each party runs 64 COTs per product in each direction (party 0's instance first, see
 * cot-pair.ts), then sends its corrections and receives the peer's. `gilboaCrossCot` takes the
 * receiver's y as given (one more bit per COT on silent OT, the derandomization); `gilboaRandomCot`
 * takes y from the COTs' own random choices, which costs nothing more: that is what triples and
 * square pairs use, whose y is a fresh random share anyway.
 */
import { gilboaCorrectionBytes, offlineKernels } from "@petace/offline-kernels";
import { type CotSession, expectLength } from "@petace/ot";
import { chosenCotsBothWays, randomCotsBothWays, recycleCots } from "./cot-pair.js";

/** Products per chunk: 2^18 COTs (4 MiB of keys) per direction. */
const CHUNK = 4096;

/** Sends this party's corrections for a chunk and adds its receiver share from the peer's. */
async function exchange(
  s: CotSession,
  label: string,
  q: Uint8Array,
  t: Uint8Array,
  x: BigUint64Array,
  y: BigUint64Array,
  m: number,
  sentOut: BigUint64Array,
  receivedOut: BigUint64Array,
): Promise<void> {
  const k = offlineKernels();
  const cTag = (p: 0 | 1) => s.msgTag(`${label}-c`, p);
  const corr = new Uint8Array(gilboaCorrectionBytes(m));
  k.gilboaSend(q, s.delta, x, m, corr, sentOut);
  s.channel.send(cTag(s.party), corr);
  const theirs = await s.channel.recv(cTag(s.peer));
  expectLength(s.party, "Gilboa", cTag(s.peer), theirs, gilboaCorrectionBytes(m));
  k.gilboaReceive(t, y, m, theirs, receivedOut);
}

/** As gilboaCross: this party's share of x_self·y_peer + x_peer·y_self (n elements), over `s`'s COTs. */
export async function gilboaCrossCot(s: CotSession, x: BigUint64Array, y: BigUint64Array, label = "gilboa-cot"): Promise<BigUint64Array> {
  if (y.length !== x.length) throw new RangeError(`gilboaCrossCot: x has ${x.length} elements, y ${y.length}`);
  const n = x.length;
  const out = new BigUint64Array(n);
  for (let off = 0; off < n; off += CHUNK) {
    const m = Math.min(CHUNK, n - off);
    const yc = y.slice(off, off + m);
    const { q, t } = await chosenCotsBothWays(s, new Uint8Array(yc.buffer), 64 * m, label);
    const o = out.subarray(off, off + m);
    await exchange(s, label, q, t, x.subarray(off, off + m), yc, m, o, o);
    recycleCots(s, q, t);
  }
  return out;
}

/**
 * Products with a random y: this party is the COT sender for x_self[i]·y_peer[i] and the receiver
 * for x_peer[i]·y_self[i], where y_self is drawn by the COTs (their random choices, 64 per element).
 * Returns y_self and this party's shares of the two cross terms apart. Both parties pass n-element x.
 * On silent OT a party sends only the corrections: 260 bytes per product.
 */
export async function gilboaRandomCot(
  s: CotSession,
  x: BigUint64Array,
  label = "gilboa-rcot",
): Promise<{ y: BigUint64Array; sent: BigUint64Array; received: BigUint64Array }> {
  const n = x.length;
  const y = new BigUint64Array(n);
  const sent = new BigUint64Array(n);
  const received = new BigUint64Array(n);
  for (let off = 0; off < n; off += CHUNK) {
    const m = Math.min(CHUNK, n - off);
    const { q, t, x: bits } = await randomCotsBothWays(s, 64 * m);
    // Choice bit 64·i + k is bit k of y[off + i] (little-endian words, as the kernels read y).
    const yc = y.subarray(off, off + m);
    new Uint8Array(yc.buffer, yc.byteOffset, 8 * m).set(bits.subarray(0, 8 * m));
    bits.fill(0);
    await exchange(s, label, q, t, x.subarray(off, off + m), yc, m, sent.subarray(off, off + m), received.subarray(off, off + m));
    recycleCots(s, q, t);
  }
  return { y, sent, received };
}
