/**
 * Gilboa product sharing (gilboa.ts states the protocol and the 260-byte correction layout) on any
 * correlated-OT session's COTs (cot-pair.ts), not fused with IKNP's extension: this is how products
 * run on silent OT (@petace/ot's SilentOtSession, Ferret), where a COT costs under a bit on the wire.
 * Semi-honest security, as the COTs under it.
 *
 * Per chunk each party runs 64 COTs per product in each direction (party 0's instance first, see
 * cot-pair.ts), then sends its corrections and receives the peer's. `gilboaCrossCot` takes the
 * receiver's y as given (one more bit per COT on silent OT, the derandomization) and runs the
 * chunks in lockstep; `gilboaRandomCot` takes y from the COTs' own random choices, which costs
 * nothing more, and pipelines the chunks (AHEAD below): that is what triples and square pairs use,
 * whose y is a fresh random share anyway.
 */
import { gilboaCorrectionBytes, offlineKernels } from "@petace/offline-kernels";
import { type CotSession, expectLength } from "@petace/ot";
import { chosenCotsBothWays, randomCotsBothWays, randomCotsTalk, recycleCots } from "./cot-pair.js";
import { pause } from "./pause.js";

/** Products per chunk: 2^18 COTs (4 MiB of keys) per direction, 1 MiB of corrections per party. */
const CHUNK = 4096;

/**
 * Chunks of `gilboaRandomCot` whose corrections a party sends before it reads the peer's first:
 * it reads the peer's corrections of chunk c after sending its own of c + AHEAD − 1, so the link
 * carries the next chunks while those of c travel. In lockstep (1) every chunk waited for the
 * peer's with the link idle for a one-way delay and the kernels' time (bench/notes.md). Before COTs
 * that exchange messages (a Ferret iteration; every chunk on IKNP) a party first reads all the
 * peer's corrections in flight, so it reads the peer's messages in the order they were sent; each
 * party's sends are in the same order as in lockstep, so the wire is unchanged and the depth is
 * not part of it: parties with different depths interoperate (gilboa-cot.test.ts).
 */
const AHEAD = 4;

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
 * On silent OT a party sends only the corrections: 260 bytes per product. `ahead` is the pipeline
 * depth (AHEAD; tests vary it).
 */
export async function gilboaRandomCot(
  s: CotSession,
  x: BigUint64Array,
  label = "gilboa-rcot",
  ahead = AHEAD,
): Promise<{ y: BigUint64Array; sent: BigUint64Array; received: BigUint64Array }> {
  if (!Number.isSafeInteger(ahead) || ahead < 1) throw new RangeError(`gilboaRandomCot: ahead must be an integer ≥ 1, got ${ahead}`);
  const n = x.length;
  const k = offlineKernels();
  const y = new BigUint64Array(n);
  const sent = new BigUint64Array(n);
  const received = new BigUint64Array(n);
  const cTag = (p: 0 | 1) => s.msgTag(`${label}-c`, p);
  // Chunks whose corrections are out and whose receiver keys wait for the peer's, oldest first.
  const pending: { off: number; m: number; t: Uint8Array }[] = [];
  const receive = async (): Promise<void> => {
    const { off, m, t } = pending.shift()!;
    const theirs = await s.channel.recv(cTag(s.peer));
    expectLength(s.party, "Gilboa", cTag(s.peer), theirs, gilboaCorrectionBytes(m));
    k.gilboaReceive(t, y.subarray(off, off + m), m, theirs, received.subarray(off, off + m));
    recycleCots(s, t);
  };
  for (let off = 0; off < n; off += CHUNK) {
    const m = Math.min(CHUNK, n - off);
    // The peer's messages are read in the order they were sent (AHEAD above), and a Ferret
    // iteration writes over its predecessor's buffer only if every key of it is back: finish the
    // chunks in flight first (on silent OT once per iteration, every few dozen chunks).
    if (randomCotsTalk(s, 64 * m)) while (pending.length > 0) await receive();
    const { q, t, x: bits } = await randomCotsBothWays(s, 64 * m);
    // Choice bit 64·i + k is bit k of y[off + i] (little-endian words, as the kernels read y).
    const yc = y.subarray(off, off + m);
    new Uint8Array(yc.buffer, yc.byteOffset, 8 * m).set(bits.subarray(0, 8 * m));
    bits.fill(0);
    const corr = new Uint8Array(gilboaCorrectionBytes(m));
    k.gilboaSend(q, s.delta, x.subarray(off, off + m), m, corr, sent.subarray(off, off + m));
    s.channel.send(cTag(s.party), corr);
    recycleCots(s, q);
    pending.push({ off, m, t });
    // The transport writes what was just sent (sends are corked until the thread yields).
    await pause();
    if (pending.length >= ahead) await receive();
  }
  while (pending.length > 0) await receive();
  return { y, sent, received };
}
