/**
 * Gilboa product sharing (gilboa.ts states the protocol and the 260-byte correction layout) on any
 * correlated-OT session's `cotSend`/`cotReceive`, not fused with IKNP's extension: this is how
 * products run on silent OT (@petace/ot's SilentOtSession, Ferret), where a COT costs under a bit on
 * the wire and the chosen choices (y's bits) cost one more bit each (the derandomization message).
 * Semi-honest security, as the COTs under it.
 *
 * Per chunk each party runs 64 COTs per product in each direction, instance of party 0 first (so the
 * two parties' calls match in order on a session that runs calls one at a time), then sends its
 * corrections and receives the peer's.
 */
import { gilboaCorrectionBytes, offlineKernels } from "@petace/offline-kernels";
import { type CotSession, expectLength } from "@petace/ot";

/** Products per chunk: 2^18 COTs (4 MiB of keys) per direction. */
const CHUNK = 4096;

/** As gilboaCross: this party's share of x_self·y_peer + x_peer·y_self (n elements), over `s`'s COTs. */
export async function gilboaCrossCot(s: CotSession, x: BigUint64Array, y: BigUint64Array, label = "gilboa-cot"): Promise<BigUint64Array> {
  if (y.length !== x.length) throw new RangeError(`gilboaCrossCot: x has ${x.length} elements, y ${y.length}`);
  const n = x.length;
  const k = offlineKernels();
  const out = new BigUint64Array(n);
  const cTag = (p: number) => s.msgTag(`${label}-c`, p as 0 | 1);
  for (let off = 0; off < n; off += CHUNK) {
    const m = Math.min(CHUNK, n - off);
    const yc = y.slice(off, off + m);
    const bits = new Uint8Array(yc.buffer);
    // Both calls are issued at once, in the order of the instances (party 0's first).
    const [q, t] =
      s.party === 0
        ? await Promise.all([s.cotSend(64 * m, label), s.cotReceive(bits, 64 * m, label)])
        : await Promise.all([s.cotReceive(bits, 64 * m, label), s.cotSend(64 * m, label)]).then(([tt, qq]) => [qq, tt] as const);
    const corr = new Uint8Array(gilboaCorrectionBytes(m));
    k.gilboaSend(q, s.delta, x.subarray(off, off + m), m, corr, out.subarray(off, off + m));
    s.channel.send(cTag(s.party), corr);
    const theirs = await s.channel.recv(cTag(s.peer));
    expectLength(s.party, "Gilboa", cTag(s.peer), theirs, gilboaCorrectionBytes(m));
    k.gilboaReceive(t, yc, m, theirs, out.subarray(off, off + m));
  }
  return out;
}
